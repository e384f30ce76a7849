/**
 * The audit's words in both languages, for the auditor's pages and the public key page: what each
 * check of the verifier is called and what it proves, a check's result, the steps of an offer's
 * consent trail and how a citizen answered. Keyed by the verifier's own check ids and the log's
 * own codes, so the report keeps its structure (and the API its output): the pages look the
 * words up here.
 *
 * The English of what a check proves is the verifier's own name for it, as a sentence; a test
 * holds the two together, so a check whose wording changes in the verifier is translated anew.
 */
import type { CONSENT_TRAIL_TYPES } from '../audit/queries.js';
import type { CheckStatus } from '../audit/verify.js';
import type { Lang, Message } from './i18n.js';

/** A check of the verifier: a short name for a heading, and what it proves in a sentence. */
export interface CheckText {
  name: Message;
  proves: Message;
}

/** Every check the verifier makes, by its id (src/audit/verify.ts and src/audit/checks/). */
export const CHECK_TEXTS: Readonly<Record<number, CheckText>> = {
  1: {
    name: { da: 'Deltagelse kræver samtykke', en: 'Taking part needs consent' },
    proves: {
      da: 'Deltagelse begynder kun med et samtykke, der er givet og ikke trukket tilbage.',
      en: 'Participation starts only with consent given and not withdrawn.',
    },
  },
  2: {
    name: { da: 'Svarene er borgerens egne', en: 'The answers are the citizen’s own' },
    proves: {
      da: 'Samtykker, afslag, tilbagetrækninger, ønsker om tilbud, mål og resultater er borgerens egne, eller noteret af den medarbejder, der holdt en samtale med borgeren, på en måde der passer til samtalens kanal, fra en samtale efter borgerens eget seneste svar på et tilbud af samme slags; medarbejdere noterer kun svar på tilbud, der er givet på forløbets nuværende center; svar om trivsel er altid borgerens egne; samtykker til deling af oplysninger er borgerens egne eller noteret inden for 24 timer efter en samtale med borgeren, der begyndte efter borgerens eget seneste ord om deling med den medspiller; at melde sig ind i og ud af grupper, tage og opgive pladser til aktiviteter og alt i iværksætterforløbet er borgerens egne handlinger.',
      en: 'Consent, declines, withdrawals, asks, goals and outcomes are the citizen’s own, or recorded by the staff member who held a conversation with them, in a way that fits its channel, from a conversation after the citizen’s own last answer to an offer of that kind; staff record answers only to offers made at the journey’s present centre; well-being answers are only ever the citizen’s own; consents to share data are the citizen’s own or recorded within 24 hours of a conversation held with them that began after their own last word about that partner; joining and leaving groups, taking and giving up places at activities, and everything on the entrepreneurs’ track are the citizen’s own acts.',
    },
  },
  3: {
    name: { da: 'Et nej tak bliver respekteret', en: 'A no thank you is respected' },
    proves: {
      da: 'Et tilbud gives ikke igen inden for 30 dage efter et nej tak, medmindre borgeren selv beder om det.',
      en: 'No offer is made again within 30 days of a decline unless the citizen asked.',
    },
  },
  4: {
    name: { da: 'Tilbagetrækning afslutter deltagelsen', en: 'Withdrawing ends taking part' },
    proves: {
      da: 'Hver tilbagetrækning af et samtykke afslutter en igangværende deltagelse i samme registrering.',
      en: 'Every withdrawal ends a running participation in the same append.',
    },
  },
  5: {
    name: { da: 'Borgeren booker selv', en: 'The citizen books' },
    proves: {
      da: 'Hver samtale er booket af borgeren, eller et forslag er bekræftet af borgeren som foreslået, til et tidspunkt, der ikke var passeret.',
      en: 'Every booking was made, or a proposal confirmed as proposed, by the citizen, for a time that had not passed.',
    },
  },
  6: {
    name: { da: 'Deling kræver samtykke', en: 'Sharing needs consent' },
    proves: {
      da: 'Enhver deling af oplysninger med en medspiller er dækket af borgerens samtykke: givet tidligere i loggen eller i samme registrering, til netop den medspiller, det tilbud og hvert felt, der deles, og hverken trukket tilbage eller udløbet.',
      en: 'Every data share with a partner is covered by the citizen’s consent: given earlier in the log or in the same append, naming that partner, that offer and every field shared, neither withdrawn nor past its date.',
    },
  },
  7: {
    name: { da: 'Kun erklærede hændelser, intet tvingende', en: 'Only declared events, nothing coercive' },
    proves: {
      da: 'Hver hændelsestype står i det erklærede katalog og har kun sine erklærede felter og værdier, med personoplysninger forseglet; ingen læsbar tekst og ingen type i kataloget er tvingende; de registrerede tidspunkter går fremad.',
      en: 'Every event type is in the declared catalogue and carries only its declared fields and values, with personal fields sealed; no readable text and no type in it is coercive; recorded times run forward.',
    },
  },
  8: {
    name: { da: 'Loggen er den, der blev forseglet', en: 'The log is the one that was sealed' },
    proves: {
      da: 'Loggen er den, der blev forseglet: træet beregnet ud fra hændelserne svarer til hvert signeret, betroet og bevidnet træhoved, og hver hændelse, der er gammel nok, er forseglet og signeret.',
      en: 'The log is the one that was sealed: the tree recomputed from the events matches every signed, trusted and witnessed head, and every event old enough is sealed and signed.',
    },
  },
  9: {
    name: { da: 'Samtaler noteres efter deres tid, tilbud i dem kort efter', en: 'Conversations are recorded after their time, offers in them soon after' },
    proves: {
      da: 'En samtale foreslås til et fremtidigt tidspunkt og noteres kun som holdt (én gang, efter den er booket) eller ikke holdt efter sit bookede starttidspunkt, af den medarbejder, den var booket med; et tilbud gives kun i en holdt samtale af den medarbejder, der holdt den, inden for 24 timer efter, at den sluttede.',
      en: 'A conversation is proposed for the future, and recorded as held (once, from booked) or not held only after its booked start, by the staff member it was booked with; an offer is put in a held conversation only by the staff member who held it, within 24 hours of its end.',
    },
  },
  10: {
    name: { da: 'Valg af talsperson er hemmelige', en: 'Spokesperson ballots are secret' },
    proves: {
      da: 'Valg af talsperson er hemmelige: én stemme pr. medarbejder, ingen stemme i klar tekst, og optællingen svarer til stemmesedlerne.',
      en: 'Spokesperson ballots are secret: one vote per staff member, no vote in the clear, and the count matches the papers.',
    },
  },
  11: {
    name: { da: 'Regnskabet er ført efter reglerne', en: 'The books are kept by the rules' },
    proves: {
      da: 'Regnskabet: budgetlinjer er udgift eller indtægt, som deres standardkonto er, og aldrig negative; posteringer og rettelser er over nul, har et bilag, er dateret i finansåret og ikke forud for deres egen tid og står på linjer i et vedtaget årsbudget, og en rettelse tilbagefører højst det, der er tilbage af posteringen; og en postering, der bringer en linje ud over dens bevilling, siger hvorfor, som ingen anden gør.',
      en: 'The books: budget lines are expenditure or revenue as their standard account is, and never negative; entries and corrections are above zero, on a voucher, dated in the fiscal year and not ahead of their own time, against the lines of an enacted annual budget, a correction reversing at most what is left of its entry; and an entry beyond a line’s appropriation states why, as no other does.',
    },
  },
  13: {
    name: { da: 'Borgernes idéer er talt rigtigt', en: 'Citizens’ ideas are counted right' },
    proves: {
      da: 'Borgernes idéer er talt rigtigt: foreslået, støttet, støtte trukket tilbage og trukket tilbage af den borger, hver nævner, aldrig støtte til ens egen idé og kun, mens idéen er åben; en støtte ophører ved sletning kun for en borger, hvis data er slettet; bestyrelsen svarer én gang, ved en vedtaget beslutning, med den linje, idéen blev til, eller begrundelsen, og det antal støtter, idéen havde.',
      en: 'Citizens’ ideas are counted right: proposed, supported, taken back and withdrawn by the citizen each names, never one’s own idea, only while open; a support ends by erasure only for a citizen erased; the board answers once, by an adopted resolution, with the line it became or the reason, and the supports it had.',
    },
  },
  12: {
    name: { da: 'Bestyrelsens protokol holder', en: 'The board’s record holds' },
    proves: {
      da: 'Bestyrelsens protokol: de fremmødte har en plads i bestyrelsen, hver på én plads (en suppleant kun for et medlem, der ikke er mødt); kun de, der sidder med på mødet, stadig er til stede og ikke er inhabile i punktet, stemmer, én gang hver og som sig selv; en beslutning træffes med beslutningsdygtighed, når alle har stemt, og optællingen svarer til stemmerne; intet ændres på et møde, når protokollen er underskrevet; og et offentliggjort navn er forseglet under sin egen nøgle.',
      en: 'The board’s record holds: those present hold a place on the board, each one seat (a deputy only for a member who is absent); only those sitting at the meeting, still in the room and not disqualified on the item, vote, once each and as themselves; a resolution is decided with quorum once everyone has voted, and its tally counts the votes; nothing at a meeting changes once its minutes are signed; and a published name is sealed under its own key.',
    },
  },
};

/**
 * A check's words in a language. A check the verifier gained without its words here keeps its
 * own (English) name, and says it is not translated, rather than showing nothing.
 */
export function checkText(lang: Lang, id: number, verifierName: string): { name: string; proves: string; translated: boolean } {
  const known = Object.hasOwn(CHECK_TEXTS, id) ? CHECK_TEXTS[id] : undefined;
  if (known) return { name: known.name[lang], proves: known.proves[lang], translated: true };
  return { name: `${lang === 'da' ? 'Kontrol' : 'Check'} ${id}`, proves: sentence(verifierName), translated: lang === 'en' };
}

/** The verifier's name of a check as a sentence: a capital first, a full stop last. */
export const sentence = (name: string) => `${name.charAt(0).toUpperCase()}${name.slice(1)}${/[.!?]$/.test(name) ? '' : '.'}`;

/** A check's result. Examined nothing is "not applicable", never "passed". */
export const CHECK_STATUS_LABELS: Record<CheckStatus, Message> = {
  ok: { da: 'Bestået', en: 'Passed' },
  violations: { da: 'Ikke bestået', en: 'Failed' },
  not_applicable: { da: 'Ikke relevant: intet at undersøge', en: 'Not applicable: nothing to examine' },
};

/** The steps of an offer's consent trail (src/audit/queries.ts CONSENT_TRAIL_TYPES). */
export const TRAIL_EVENT_LABELS: Record<(typeof CONSENT_TRAIL_TYPES)[number], Message> = {
  OfferMade: { da: 'Tilbud givet', en: 'Offer made' },
  ConsentGiven: { da: 'Samtykke givet (ja tak)', en: 'Consent given (yes please)' },
  OfferDeclined: { da: 'Tilbud afslået (nej tak)', en: 'Offer declined (no thank you)' },
  ConsentWithdrawn: { da: 'Samtykke trukket tilbage', en: 'Consent withdrawn' },
  ParticipationStarted: { da: 'Deltagelse begyndt', en: 'Taking part began' },
  ParticipationEnded: { da: 'Deltagelse sluttet', en: 'Taking part ended' },
};

/** How the citizen answered (the log's `consent.method`). */
export const CONSENT_METHOD_LABELS: Record<'self_service' | 'signed_in_person' | 'verbal_in_session' | 'written_in_chat', Message> = {
  self_service: { da: 'selv, digitalt', en: 'themselves, online' },
  signed_in_person: { da: 'underskrevet ved fremmøde', en: 'signed in person' },
  verbal_in_session: { da: 'mundtligt i en samtale', en: 'spoken in a conversation' },
  written_in_chat: { da: 'skriftligt i en chat', en: 'written in a chat' },
};

export { labelOf } from './i18n.js';
