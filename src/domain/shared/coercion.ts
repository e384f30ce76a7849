/**
 * The declared words of coercion: text that speaks of benefits, sanctions, the abolished
 * availability duty, obligations or the consequences of saying no. Staff-written text containing
 * any of them is refused by the deciders, and the audit verifier reports any readable text field
 * in the log that contains them (the list is re-exported beside the audit catalogue, so an
 * auditor reads one list). Pure data and one pure function: nothing here does I/O.
 *
 * Matching is on a folded form, so that the words cannot be slipped past by spelling: Unicode
 * compatibility forms and accents folded away, invisible and combining characters removed, common
 * Cyrillic and Greek look-alikes read as Latin letters, Danish letters and their ASCII spellings
 * read alike (å/aa, æ/ae, ø/oe), letters spaced out or split by punctuation joined again. A term is
 * found anywhere, also inside a Danish compound ("dagpengesanktion"). A few everyday phrases that
 * contain a term without meaning it are removed first ("stille et kontor til rådighed" is to make
 * one available; "tavshedspligt" is the counsellor's duty of confidentiality, not the citizen's).
 */

export const COERCIVE_TERMS: readonly { term: string; lang: 'da' | 'en'; about: string; wholeWords?: true }[] = [
  { term: 'sanktion', lang: 'da', about: 'sanctions' },
  { term: 'ydelse', lang: 'da', about: 'benefits' },
  { term: 'dagpenge', lang: 'da', about: 'unemployment benefit' },
  { term: 'kontanthjælp', lang: 'da', about: 'social assistance' },
  { term: 'rådighed', lang: 'da', about: 'the abolished availability duty' },
  { term: 'pligt', lang: 'da', about: 'obligations (mødepligt, forpligtelse …)' },
  { term: 'skal møde', lang: 'da', about: 'being summoned', wholeWords: true },
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
 * Everyday phrases that contain a term without its meaning, removed before matching. Each is a
 * pattern over the folded form (see `fold`): `*` is any ending of the word, `…` up to three words.
 * "Til rådighed" is innocent only after "stille" (to make something available), and never when
 * it is about the labour market.
 */
export const INNOCENT_PHRASES: readonly { phrase: string; unlessFollowedBy?: string }[] = [
  { phrase: 'still* … til rådighed', unlessFollowedBy: 'for arbejdsmarked' },
  { phrase: 'tavshedspligt' },
  { phrase: 'tavshedspligten' },
  { phrase: 'tjenesteydelse' },
  { phrase: 'tjenesteydelser' },
  { phrase: 'tjenesteydelsen' },
  { phrase: 'tjenesteydelserne' },
];

/** Cyrillic and Greek letters that look like Latin ones (a part of Unicode's confusables). */
const LOOK_ALIKES: Record<string, string> = {
  а: 'a', в: 'b', с: 'c', ԁ: 'd', е: 'e', ё: 'e', һ: 'h', н: 'h', і: 'i', ї: 'i', ј: 'j', к: 'k', ӏ: 'l', м: 'm', п: 'n', о: 'o', р: 'p', ԛ: 'q', г: 'r', ѕ: 's', т: 't', у: 'y', х: 'x', ԝ: 'w',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', μ: 'u', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w', ı: 'i', ȷ: 'j', ł: 'l', đ: 'd', ß: 'ss', œ: 'oe',
};
const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'gu');
// Invisible characters that are not format characters (\p{Cf}): fillers and blanks.
const BLANKS = /[\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u2800\u3164\uFE00-\uFE0F\uFFA0]/g;

/**
 * The folded form text is matched in: NFKD, combining marks, format and invisible characters gone,
 * lower case, look-alikes read as Latin, å/aa → a, æ → ae, ø/oe → o, every run of non-letters one
 * space, and single letters spaced out joined again ("s a n k t i o n").
 */
export function fold(text: string): string {
  const letters = text
    .normalize('NFKD')
    .replace(/[\p{Mn}\p{Me}\p{Cf}]/gu, '')
    .replace(BLANKS, '')
    .toLocaleLowerCase('da')
    .replace(LOOK_ALIKE, (c) => LOOK_ALIKES[c] ?? c)
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/aa/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  // Letters spaced out one by one read as one word.
  return ` ${letters.replace(/\b\p{L}(?: \p{L}\b){2,}/gu, (run) => run.replace(/ /g, ''))} `;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const foldedWords = (text: string) => fold(text).trim();
const TERMS = COERCIVE_TERMS.map((t) => ({ term: t.term, folded: foldedWords(t.term), whole: t.wholeWords === true }));
const INNOCENT = INNOCENT_PHRASES.map(({ phrase, unlessFollowedBy }) => {
  const pattern = phrase
    .split(' ')
    .map((word) => (word === '…' ? '(?:\\p{L}+ ){0,3}' : `${escape(foldedWords(word.replace('*', '')))}${word.endsWith('*') ? '\\p{L}*' : ''} `))
    .join('');
  const unless = unlessFollowedBy ? `(?!${escape(foldedWords(unlessFollowedBy))})` : '';
  return new RegExp(` ${pattern}${unless}`, 'gu');
});

/** The declared terms found in a text, as declared (empty when there are none). */
export function coerciveTermsIn(text: string): string[] {
  let spaced = `${fold(text)} `;
  for (const phrase of INNOCENT) spaced = spaced.replace(phrase, ' ');
  // Also with the spaces gone, for words split by punctuation or spaces ("sank-tion", "dag penge");
  // only for the longer terms, which a join of two innocent words hardly spells.
  const squashed = spaced.replace(/ /g, '');
  return TERMS.filter((t) => (t.whole ? spaced.includes(` ${t.folded} `) : spaced.includes(t.folded) || (t.folded.length >= 7 && squashed.includes(t.folded)))).map((t) => t.term);
}
