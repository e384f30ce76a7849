/**
 * The declared words of coercion: text that speaks of benefits, sanctions, the abolished
 * availability duty, obligations or the consequences of saying no. Staff-written text containing
 * any of them is refused by the deciders, and the audit verifier reports any readable text field
 * in the log that contains them (the list is re-exported beside the audit catalogue, so an
 * auditor reads one list). Pure data and one pure function: nothing here does I/O.
 *
 * Matching is on a normalised form (Unicode NFKC, lower case, invisible characters removed, any
 * run of non-letters one space) and finds a term anywhere, also inside a Danish compound
 * ("dagpengesanktion"). A few everyday phrases that contain a term without meaning it are
 * removed first ("stille til rådighed" is to make available; "tavshedspligt" is the
 * counsellor's duty of confidentiality, not the citizen's).
 */

export const COERCIVE_TERMS: readonly { term: string; lang: 'da' | 'en'; about: string }[] = [
  { term: 'sanktion', lang: 'da', about: 'sanctions' },
  { term: 'ydelse', lang: 'da', about: 'benefits' },
  { term: 'dagpenge', lang: 'da', about: 'unemployment benefit' },
  { term: 'kontanthjælp', lang: 'da', about: 'social assistance' },
  { term: 'rådighed', lang: 'da', about: 'the abolished availability duty' },
  { term: 'pligt', lang: 'da', about: 'obligations (mødepligt, forpligtelse …)' },
  { term: 'skal møde', lang: 'da', about: 'being summoned' },
  { term: 'indkald', lang: 'da', about: 'being summoned' },
  { term: 'obligatorisk', lang: 'da', about: 'obligations' },
  { term: 'tvungen', lang: 'da', about: 'compulsion' },
  { term: 'konsekvens', lang: 'da', about: 'consequences of saying no' },
  { term: 'bortfald', lang: 'da', about: 'losing something (bortfalder)' },
  { term: 'sanction', lang: 'en', about: 'sanctions' },
  { term: 'benefit', lang: 'en', about: 'benefits' },
  { term: 'availability', lang: 'en', about: 'the abolished availability duty' },
  { term: 'obligat', lang: 'en', about: 'obligations' },
  { term: 'mandatory', lang: 'en', about: 'obligations' },
  { term: 'compulsory', lang: 'en', about: 'compulsion' },
  { term: 'must attend', lang: 'en', about: 'being summoned' },
  { term: 'summon', lang: 'en', about: 'being summoned' },
  { term: 'penalt', lang: 'en', about: 'penalties' },
  { term: 'deadline', lang: 'en', about: 'deadlines set for the citizen' },
  { term: 'consequence', lang: 'en', about: 'consequences of saying no' },
  { term: 'forfeit', lang: 'en', about: 'losing something' },
];

/**
 * Everyday phrases that contain a term without its meaning, removed before matching (in the
 * normalised form; a phrase ending in `*` takes any ending). "Til rådighed" is "available, at
 * your disposal" — unless it is about standing at the labour market's disposal.
 */
export const INNOCENT_PHRASES: readonly { phrase: string; unlessFollowedBy?: string }[] = [
  { phrase: 'til rådighed', unlessFollowedBy: 'for arbejdsmarked' },
  { phrase: 'tavshedspligt*' },
  { phrase: 'tjenesteydelse*' },
  { phrase: 'benefit from' },
  { phrase: 'benefits of' },
];

const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/g;

/** The form text is matched in: NFKC, lower case, invisible characters gone, non-letters one space. */
export function normaliseForMatching(text: string): string {
  return ` ${text.normalize('NFKC').replace(INVISIBLE, '').toLocaleLowerCase('da').replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
}

const TERMS = COERCIVE_TERMS.map((t) => ({ term: t.term, normal: normaliseForMatching(t.term).trim() }));
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const INNOCENT = INNOCENT_PHRASES.map(({ phrase, unlessFollowedBy }) => {
  const any = phrase.endsWith('*');
  const core = escape(normaliseForMatching(any ? phrase.slice(0, -1) : phrase).trim());
  const unless = unlessFollowedBy ? `(?! ${escape(normaliseForMatching(unlessFollowedBy).trim())})` : '';
  return new RegExp(`${core}${any ? '\\p{L}*' : ''}${unless}`, 'gu');
});

/** The declared terms found in a text, as declared (empty when there are none). */
export function coerciveTermsIn(text: string): string[] {
  let normal = normaliseForMatching(text);
  for (const phrase of INNOCENT) normal = normal.replace(phrase, ' ');
  return TERMS.filter((t) => normal.includes(t.normal)).map((t) => t.term);
}
