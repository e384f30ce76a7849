/**
 * A research study (issue 12): what researchers may learn about the model, registered by an
 * administrator. It names its purpose, the period of events it covers, the indicators and the
 * export fields it may use, its legal basis, and the researchers granted access. Researchers
 * register nothing themselves.
 *
 * What a study may ask for is fixed here, and only coarse and non-personal: codes, weeks and
 * months, channels, offer kinds, answers, outcome kinds and counts. Never free text, a sealed
 * field, a name, contact data or an exact date, and nothing about a person's income or its
 * conditions: the centre holds no such data, and research here can never be used to assess or
 * act against anyone. Every citizen in an export is a pseudonym of that study alone
 * (src/research/pseudonym.ts), so two studies cannot be joined on a person.
 *
 * A study's own texts (title, purpose, legal basis) are written by an administrator about the
 * study, never about a person: they are not personal data and are stored in the clear.
 */
import { match } from 'ts-pattern';
import type { DomainEvent } from '../shared/decider.js';

/**
 * The indicators a study may use, as issue 12 names them. Their definitions live with the
 * indicators themselves; this is the list a study chooses from.
 */
export const STUDY_INDICATORS = [
  'contacts_per_citizen',
  'first_contact_channel_share',
  'self_booked_share',
  'time_to_first_conversation',
  'offers_per_citizen',
  'offer_uptake_rate',
  'offer_decline_rate',
  'consent_withdrawal_rate',
  'participation_duration',
  'time_to_first_outcome',
  'repeat_use',
  'cost_per_citizen',
  'cost_per_conversation',
] as const;
export type StudyIndicator = (typeof STUDY_INDICATORS)[number];

/**
 * The fields a study's export may hold, with what each holds: the data dictionary's source.
 * Each is a code, a coarse period or a count; none can name, reach or date a person exactly.
 */
export const STUDY_EXPORT_FIELDS = {
  citizen_pseudonym: 'the citizen as a pseudonym of this study only; it cannot be linked to the citizen or to another study',
  centre_code: 'the centre, as a code',
  municipality_code: 'the municipality, as its three-digit code',
  event_week: 'the ISO week of the event (YYYY-Www)',
  event_month: 'the month of the event (YYYY-MM)',
  event_kind: 'what happened: first contact, conversation, offer, answer, participation or outcome',
  channel: 'the channel of a contact or conversation: in person at the centre or at home, phone, chat, video, self-service',
  booked_by: 'whether the citizen booked the conversation or confirmed a proposed time',
  offer_kind: 'the kind of offer (coaching, internship, workshop, …)',
  offer_source: 'whether the offer came from the centre or a partner',
  answer: 'the citizen’s answer to an offer: accepted, declined or withdrawn',
  participation_end: 'how taking part ended: consent withdrawn, the citizen left, the offer completed',
  goal_category: 'the category of a goal the citizen stated (job, education, own business, …), never its words',
  outcome_kind: 'the kind of outcome the citizen reported (job, education, business, …), never its note',
  duration_weeks: 'a duration in whole weeks (to a first conversation, of taking part, to a first outcome)',
  wellbeing_score: 'the WHO-5 percentage score (0–100, in steps of 4) of an answer the citizen chose to give themselves; only on wellbeing_answered rows',
  count: 'a number of events or citizens in a row',
} as const satisfies Record<string, string>;
export type StudyExportField = keyof typeof STUDY_EXPORT_FIELDS;
export const STUDY_EXPORT_FIELD_NAMES = Object.keys(STUDY_EXPORT_FIELDS) as StudyExportField[];

/** The dates of the events a study covers, both included: YYYY-MM-DD, `to` after `from`. */
export interface StudyPeriod {
  from: string;
  to: string;
}

export type StudyRegistered = DomainEvent<
  'StudyRegistered',
  {
    studyId: string;
    title: string;
    purpose: string;
    period: StudyPeriod;
    indicators: StudyIndicator[];
    exportFields: StudyExportField[];
    legalBasis: string;
    researcherIds: string[];
  }
>;
export type StudyAccessGranted = DomainEvent<'StudyAccessGranted', { studyId: string; researcherId: string }>;
export type StudyAccessRevoked = DomainEvent<'StudyAccessRevoked', { studyId: string; researcherId: string }>;
export type StudyClosed = DomainEvent<'StudyClosed', { studyId: string }>;
/** The formats an export is written in. */
export const EXPORT_FORMATS = ['csv', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/**
 * An export of the study's pseudonymised rows was handed out: which format, how many rows. Who
 * received it and when are the event's actor and time. It carries no row and no pseudonym.
 */
export type StudyExported = DomainEvent<'StudyExported', { studyId: string; format: ExportFormat; rows: number }>;

export type StudyEvent = StudyRegistered | StudyAccessGranted | StudyAccessRevoked | StudyClosed | StudyExported;

export const STUDY_EVENT_SCHEMA_VERSIONS: Record<StudyEvent['type'], number> = {
  StudyRegistered: 1,
  StudyAccessGranted: 1,
  StudyAccessRevoked: 1,
  StudyClosed: 1,
  StudyExported: 1,
};

export interface StudyDetails {
  studyId: string;
  title: string;
  purpose: string;
  period: StudyPeriod;
  indicators: StudyIndicator[];
  exportFields: StudyExportField[];
  legalBasis: string;
  researcherIds: string[];
}

/** `open`: researchers granted access may receive its exports. `closed`: nothing changes and no export is made. */
export type Study = { status: 'none' } | ({ status: 'open' } & StudyDetails) | ({ status: 'closed' } & StudyDetails);
export type OpenStudy = Extract<Study, { status: 'open' }>;

export const initialState: Study = { status: 'none' };

export function evolve(state: Study, event: StudyEvent): Study {
  if (event.type === 'StudyRegistered') return { status: 'open', ...event.data };
  if (state.status !== 'open') return state;
  return match(event)
    .with({ type: 'StudyAccessGranted' }, ({ data }): Study => ({ ...state, researcherIds: [...state.researcherIds, data.researcherId] }))
    .with({ type: 'StudyAccessRevoked' }, ({ data }): Study => ({ ...state, researcherIds: state.researcherIds.filter((id) => id !== data.researcherId) }))
    .with({ type: 'StudyClosed' }, (): Study => ({ ...state, status: 'closed' }))
    // An export changes nothing about the study: it is on record for auditors, not state.
    .with({ type: 'StudyExported' }, (): Study => state)
    .exhaustive();
}

/** Whether this researcher may receive the study's exports now: granted, and the study open. */
export const mayReceiveExports = (study: Study, researcherId: string) => study.status === 'open' && study.researcherIds.includes(researcherId);

export const studyStreamId = (studyId: string) => `study-${studyId}`;
