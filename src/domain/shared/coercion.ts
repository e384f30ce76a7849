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
 *
 * Words that are everyday on their own and coercive only in company ("skal", "krav", "have to",
 * "senest") are declared as a `pattern` of whole words instead: "du skal mødes" is refused, "vi
 * skal mødes kl. 10" is not; "et krav fra kommunen" is, "kursets krav til forkundskaber" is not;
 * "you have to" is, "you do not have to" is not (the negation is an innocent phrase, removed first).
 * In a pattern, words are separated by spaces, and matched whole; `a|b` is either word; a `*` at a
 * word's end is any ending, at its start any beginning (a Danish compound: "*frist" is "svarfrist");
 * `…` is up to three words; `{when}` a day or a date ("mandag", "5", "kl", "i morgen", "marts").
 */

export interface CoerciveTerm {
  /** The word as declared, and as a refusal names it. */
  term: string;
  lang: 'da' | 'en';
  about: string;
  /** Found only as whole words, not inside another word. */
  wholeWords?: true;
  /** Found where these words stand together (see above); `term` then only names it. */
  pattern?: string;
}

export const COERCIVE_TERMS: readonly CoerciveTerm[] = [
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
  // Compulsion, deadlines set for the citizen, sanctions and losing money, in Danish.
  { term: 'tvungen', lang: 'da', about: 'compulsion (tvunget, tvungne)', pattern: 'tvung*' },
  { term: 'tvang', lang: 'da', about: 'compulsion', pattern: 'tvang*|*tvang' },
  { term: 'frist', lang: 'da', about: 'deadlines set for the citizen (fristen, svarfrist; not "fristende")', pattern: '*frist|*fristen|*fristens|*fristerne|*fristernes|*fristdato*|*fristdag*' },
  { term: 'senest', lang: 'da', about: 'deadlines set for the citizen (senest mandag, senest 5. marts)', pattern: 'senest {when}' },
  { term: 'påkrævet', lang: 'da', about: 'obligations (påkrævet, påkræves)', pattern: '*påkræv*' },
  { term: 'krævet', lang: 'da', about: 'obligations', pattern: 'krævet' },
  { term: 'krav', lang: 'da', about: 'demands on the citizen (et krav fra kommunen; not "kursets krav til forkundskaber")', pattern: 'krav|kravet fra|om' },
  { term: 'krav', lang: 'da', about: 'demands on the citizen (det er et krav)', pattern: 'et krav' },
  { term: 'krav', lang: 'da', about: 'demands on the citizen', pattern: 'krav|kravet til dig|jer|borger*' },
  { term: 'påbud', lang: 'da', about: 'orders', pattern: '*påbud*' },
  { term: 'straf', lang: 'da', about: 'sanctions (straf, straffe, strafbart)', pattern: 'straf*|*straf|*straffen|*straffe' },
  { term: 'udeblive', lang: 'da', about: 'no-shows (udebliver, udeblivelse)', pattern: '*udebl*' },
  { term: 'mister din', lang: 'da', about: 'losing something (mister din hjælp, miste retten)', pattern: 'mister|miste din|dine|dit|jeres|retten' },
  { term: 'udbetaling', lang: 'da', about: 'payments of benefits (udbetalingen, udbetales)', pattern: '*udbetal*' },
  { term: 'understøttelse', lang: 'da', about: 'unemployment benefit', pattern: '*understøttelse*' },
  { term: 'nødt til', lang: 'da', about: 'compulsion (du er nødt til)', pattern: 'du|i|borger* er|bliver|var nødt til' },
  { term: 'nødt til', lang: 'da', about: 'compulsion (er du nødt til)', pattern: 'er|bliver du|i|borger* nødt til' },
  { term: 'skal deltage', lang: 'da', about: 'being summoned (du skal deltage)', pattern: 'du|i|borger*|deltager* skal deltage' },
  { term: 'skal deltage', lang: 'da', about: 'being summoned (hver uge skal du deltage)', pattern: 'skal du|i deltage' },
  { term: 'skal mødes', lang: 'da', about: 'being summoned (du skal mødes med os; not "vi skal mødes")', pattern: 'du|i|borger*|deltager* skal mødes' },
  { term: 'skal mødes', lang: 'da', about: 'being summoned (hver uge skal du mødes)', pattern: 'skal du|i mødes' },
  { term: 'forventer, at du', lang: 'da', about: 'obligations (vi forventer, at du …)', pattern: 'forvent* at du|i' },
  { term: 'forventes', lang: 'da', about: 'obligations (du forventes at …)', pattern: 'du|i|borger* forventes' },
  // And in English.
  { term: 'required', lang: 'en', about: 'obligations (attendance is required; not "no experience required")', pattern: 'is|are|was|were|be|being required' },
  { term: 'required', lang: 'en', about: 'obligations', pattern: 'required to|attendance|participation|of' },
  { term: 'requirement', lang: 'en', about: 'demands on the citizen', pattern: 'a|the requirement' },
  { term: 'must', lang: 'en', about: 'obligations', wholeWords: true },
  { term: 'have to', lang: 'en', about: 'obligations (you have to; not "you do not have to")', pattern: 'you|citizen*|participant*|everyone … have|has to' },
  { term: 'obliged', lang: 'en', about: 'obligations', pattern: 'oblige*' },
  { term: 'forced to', lang: 'en', about: 'compulsion', pattern: 'forced|compelled to' },
  { term: 'otherwise', lang: 'en', about: 'consequences of saying no', wholeWords: true },
  { term: 'or else', lang: 'en', about: 'consequences of saying no', wholeWords: true },
  { term: 'lose your', lang: 'en', about: 'losing something', pattern: 'lose|losing your' },
  { term: 'lose your', lang: 'en', about: 'losing something', pattern: 'lose|losing the right' },
  { term: 'payments stop', lang: 'en', about: 'payments of benefits stopped', pattern: 'payment* … stop*|cease*|suspend*|cut|withheld' },
  { term: 'payments stop', lang: 'en', about: 'payments of benefits stopped', pattern: 'stop*|suspend*|cut|withhold* … payment*' },
  { term: 'no later than', lang: 'en', about: 'deadlines set for the citizen', pattern: 'no later than' },
  { term: 'at the latest', lang: 'en', about: 'deadlines set for the citizen', pattern: 'at the latest' },
  { term: 'punish', lang: 'en', about: 'sanctions', pattern: 'punish*' },
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
  // A criminal record certificate some work placements ask for, not a punishment.
  { phrase: 'straffeattest*' },
  // Saying that something is no demand is saying that it is voluntary.
  { phrase: 'ikke et krav' },
  // Saying that the citizen does not have to is saying that it is voluntary.
  { phrase: "don't have to" },
  { phrase: "doesn't have to" },
  { phrase: 'do not have to' },
  { phrase: 'does not have to' },
  { phrase: 'never have to' },
  { phrase: 'not have to' },
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
const WORD = '[\\p{L}\\p{N}]';
/** A day or a date, as a deadline names it: a weekday, a number, a month, "kl.", "den", "i morgen". */
const WHEN = [
  ...['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
  ...['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
  ...['kl', 'den', 'd', 'i morgen', 'i overmorgen', 'næste', 'om en uge'],
]
  .map((w) => escape(foldedWords(w)))
  .concat('\\p{N}+');
/** A declared pattern (see the top of this file) as a regular expression over the folded form, spaces around. */
function compiled(pattern: string): RegExp {
  const words = pattern.split(' ').map((token) => {
    if (token === '…') return `(?:${WORD}+ ){0,3}`;
    if (token === '{when}') return `(?:${WHEN.join('|')}) `;
    const either = token.split('|').map((word) => {
      const before = word.startsWith('*') ? `${WORD}*` : '';
      const after = word.endsWith('*') ? `${WORD}*` : '';
      return `${before}${escape(foldedWords(word.replace(/^\*|\*$/g, '')))}${after}`;
    });
    return `(?:${either.join('|')}) `;
  });
  return new RegExp(` ${words.join('')}`, 'u');
}
const TERMS = COERCIVE_TERMS.map((t) => ({ term: t.term, folded: foldedWords(t.term), whole: t.wholeWords === true, pattern: t.pattern === undefined ? null : compiled(t.pattern) }));
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
  const found = TERMS.filter((t) =>
    t.pattern ? t.pattern.test(spaced) : t.whole ? spaced.includes(` ${t.folded} `) : spaced.includes(t.folded) || (t.folded.length >= 7 && squashed.includes(t.folded)),
  );
  return [...new Set(found.map((t) => t.term))];
}
