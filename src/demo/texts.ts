/**
 * Made-up Danish names and words for the demo: common first names and surnames put together at
 * random (no real person is meant), goals in a citizen's own words, and what staff write down
 * after a conversation. Staff texts stay clear of the words of coercion (the deciders refuse them).
 */
import type { CentreOfferKind, GoalCategory, OutcomeKind } from '../domain/journey/journey.js';

export const FIRST_NAMES = [
  'Anna', 'Mette', 'Louise', 'Camilla', 'Sofie', 'Ida', 'Emma', 'Freja', 'Maja', 'Hanne', 'Lene', 'Birgitte', 'Nadia', 'Amira', 'Fatima',
  'Peter', 'Jens', 'Lars', 'Michael', 'Henrik', 'Søren', 'Thomas', 'Mads', 'Rasmus', 'Mikkel', 'Kasper', 'Ahmed', 'Ali', 'Jonas', 'Frederik',
];
export const SURNAMES = [
  'Nielsen', 'Jensen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen', 'Petersen',
  'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Poulsen', 'Johansen', 'Knudsen', 'Mortensen', 'Møller', 'Holm', 'Lund', 'Bak', 'Dam',
];

export const GOALS: Record<GoalCategory, readonly string[]> = {
  job: [
    'Jeg vil gerne tilbage til et job i detailhandlen, gerne med faste timer.',
    'Jeg drømmer om at arbejde med mennesker igen, måske i ældreplejen.',
    'Jeg vil finde et job som lagermedarbejder tæt på hvor jeg bor.',
    'Jeg vil gerne prøve kræfter med et job inden for IT-support.',
  ],
  education: [
    'Jeg vil gerne tage en uddannelse som social- og sundhedshjælper.',
    'Jeg overvejer at læse til pædagog og vil høre om mulighederne.',
    'Jeg vil gerne have et kursus i regnskab, så jeg står stærkere.',
  ],
  own_business: [
    'Jeg vil starte min egen lille cykelreparation.',
    'Jeg har en idé til en foodtruck og vil gerne have sparring på den.',
    'Jeg vil gerne gøre mit syværksted til en rigtig virksomhed.',
  ],
  volunteering: ['Jeg vil gerne bruge min tid i en frivillig forening.', 'Jeg vil gerne hjælpe til i det lokale værested.'],
  health: ['Jeg vil gerne have det bedre og få mere energi i hverdagen.', 'Jeg vil gerne komme i gang med at motionere igen.'],
  other: ['Jeg vil gerne finde ud af, hvad jeg har lyst til.', 'Jeg vil gerne møde andre i samme situation som mig.'],
};

export const REVISED_GOALS = ['Jeg vil stadig gerne det samme, men nu på deltid til at begynde med.', 'Jeg har tænkt over det og vil hellere starte med et kursus.'];

export const WISHES = ['Gerne en formiddag.', 'Jeg vil helst tale i telefon.', 'Gerne med en der kender til iværksætteri.', null];

export const TOPICS: Record<GoalCategory, readonly string[]> = {
  job: ['jobsøgning', 'cv', 'brancher'],
  education: ['uddannelse', 'studievalg'],
  own_business: ['iværksætteri', 'forretningsplan'],
  volunteering: ['frivilligt arbejde', 'foreninger'],
  health: ['trivsel', 'motion'],
  other: ['afklaring', 'netværk'],
};

export const INFORMATION_GIVEN = [
  'Vi talte om husets tilbud og hvordan man kommer i gang.',
  'Jeg fortalte om vores workshops og om mentorordningen.',
  'Vi gennemgik muligheder for uddannelse og kurser i området.',
];
export const NEXT_STEPS = ['Borgeren vil tænke over det og vender tilbage.', 'Vi ses igen om et par uger, hvis borgeren har lyst.', 'Borgeren undersøger selv et par stillinger.'];
export const NOTES = ['God samtale med mange idéer.', 'Borgeren var glad for at kunne vælge selv.', null];

export const OFFER_INFORMATION = [
  'Et forløb, du kan deltage i når det passer dig, og forlade når du vil.',
  'Du kan sige ja, nej eller vente; det er helt op til dig.',
];
export const DECLINE_REASONS = ['Det passer ikke ind lige nu.', 'Jeg vil hellere prøve noget andet.', null];

export const OUTCOME_NOTES: Record<OutcomeKind, readonly (string | null)[]> = {
  job: ['Jeg har fået job i et supermarked.', 'Jeg starter som lagermedarbejder på mandag.', null],
  education: ['Jeg er kommet ind på uddannelsen.', null],
  business: ['Jeg har registreret min virksomhed.', null],
  volunteering: ['Jeg er frivillig i foreningen to dage om ugen.', null],
  other: ['Jeg har fundet ud af, hvad jeg vil.', null],
};

/** Which offers fit a goal of this kind (the first is the most likely). */
export const OFFERS_FOR: Record<GoalCategory, readonly CentreOfferKind[]> = {
  job: ['job_search_and_placement', 'coaching', 'internship', 'workshop'],
  education: ['education_guidance', 'seminar', 'coaching'],
  own_business: ['entrepreneur_incubator', 'accounting_help', 'office_space', 'sparring'],
  volunteering: ['experience_forum', 'workshop'],
  health: ['physical_activity_and_health', 'coaching'],
  other: ['coaching', 'experience_forum', 'sparring'],
};

export const OUTCOME_FOR: Record<GoalCategory, OutcomeKind> = {
  job: 'job',
  education: 'education',
  own_business: 'business',
  volunteering: 'volunteering',
  health: 'other',
  other: 'other',
};

export const PARTNERS = ['Lokale virksomheder', 'Fagbevægelsen', 'Uddannelsesinstitutionerne'];

export const RESOLUTION_TITLES = [
  'Husets åbningstider i sommerferien',
  'Samarbejde med det lokale bibliotek om café for iværksættere',
  'Nyt tilbud om cykelværksted',
  'Borgerpanel om husets tilbud',
  'Fælles arrangement med foreningslivet',
];

/**
 * The centre's partners in the demo (issue 13): an organisation each, with its kind, a CVR number
 * that passes the modulus-11 check when it has one, the kinds of offer its agreement covers, and
 * one offer of its own in the catalogue.
 */
export const CATALOGUE_PARTNERS = [
  {
    kind: 'sports_club',
    name: 'Idrætsforeningen Fremad',
    cvr: null,
    kinds: ['physical_activity_and_health'],
    offer: {
      kind: 'physical_activity_and_health',
      title: 'Motion i fællesskab',
      description: 'Vi mødes to gange om ugen og går, løber eller cykler sammen i dit eget tempo. Du kommer, når du har lyst.',
      suits: 'Dig, der gerne vil i gang med at bevæge dig sammen med andre.',
      channels: ['in_person'],
      place: 'Klubhuset ved stadion',
      capacity: 20,
    },
  },
  {
    kind: 'business',
    name: 'Erhvervshuset',
    cvr: '29189897',
    kinds: ['entrepreneur_incubator', 'sparring', 'office_space'],
    offer: {
      kind: 'sparring',
      title: 'Sparring med erfarne virksomhedsejere',
      description: 'Få sparring på din idé med folk, der selv har startet virksomheder. Vi taler om marked, økonomi og de første kunder.',
      suits: 'Dig, der overvejer at starte egen virksomhed.',
      channels: ['in_person', 'video'],
      place: 'Erhvervshuset, mødelokale 2',
      capacity: 8,
    },
  },
] as const;

/** The centre's own offer in the catalogue. */
export const CENTRE_CATALOGUE_OFFER = {
  kind: 'workshop',
  title: 'Workshop: dit næste skridt',
  description: 'En workshop, hvor du sammen med andre finder ud af, hvad du har lyst til, og hvordan du kommer videre. Du bestemmer selv, hvad du vil bruge den til.',
  suits: 'Alle, der gerne vil tale med andre om, hvad de vil.',
  channels: ['in_person'],
  place: 'Huset, store sal',
  capacity: 15,
} as const;

export const ACTIVITY_TITLES = ['Informationsmøde: sådan bruger du huset', 'Morgenmøde for iværksættere', 'Seminar om at søge job med sit netværk'];
export const GROUP_NAMES = ['Iværksætternetværket', 'Gåklubben', 'Café for jobsøgende'];
export const MILESTONES = ['Lave en enkel forretningsplan', 'Tale med fem mulige kunder', 'Få et logo og en hjemmeside', 'Registrere virksomheden'];
export const PARTNER_MESSAGES = ['Jeg glæder mig til at komme med.', 'Jeg vil gerne høre mere, før jeg beslutter mig.', null];
