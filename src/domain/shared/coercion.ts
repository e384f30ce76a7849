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
 * "senest", "kun for", "a-kassen") are declared as a `pattern` of whole words instead: "du skal mødes"
 * is refused, "vi skal mødes kl. 10" is not; "et krav fra kommunen" is, "kursets krav til
 * forkundskaber" is not; "you have to" is, "you do not have to" is not (the negation is an innocent
 * phrase, removed first); "kun for ledige" is, "for alle, også ledige" is not; "vi giver besked til
 * a-kassen" is, "vi hjælper dig med at tale med din a-kasse" is not. In a pattern, words are
 * separated by spaces, and matched whole; `a|b` is either word; a `*` at a word's end is any ending,
 * at its start any beginning (a Danish compound: "*frist" is "svarfrist"); a `?` at a word's end
 * makes it optional; `…` is up to three words; a `{name}` is one of the phrases declared under that
 * name in `PHRASES` below: `{when}` a day or a date ("mandag", "5", "kl", "i morgen", "marts"),
 * `{authority}` a benefit authority or a caseworker ("din a-kasse", "jobcentret", "the job centre"),
 * `{ledig}` a status of the benefit system ("ledig", "dagpengemodtager", "aktivitetsparat").
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
  // Offers only for people of a status in the benefit system, or on condition of one (kun for ledige,
  // du skal være ledig); naming the status alone is no condition ("for alle, også ledige", "til dig,
  // der er ledig", "Café for jobsøgende").
  { term: 'kun for ledige', lang: 'da', about: 'eligibility tied to benefit status (kun for ledige, forbeholdt dagpengemodtagere)', pattern: 'kun|alene|udelukkende|forbeholdt|forbeholdes|begrænset … for|til|mod {ledige}' },
  { term: 'kun for ledige', lang: 'da', about: 'eligibility tied to benefit status (gælder kun ledige, forbeholdt ledige borgere)', pattern: 'kun|alene|udelukkende|forbeholdt|forbeholdes {ledige}' },
  { term: 'kun for ledige', lang: 'da', about: 'eligibility tied to benefit status (kun hvis du er ledig)', pattern: 'kun|alene|udelukkende hvis|når du|i {er} {ledig}' },
  { term: 'skal være ledig', lang: 'da', about: 'benefit status as a condition (du skal være ledig)', pattern: 'du|i|man|borger*|deltager*|ansøger* skal|skulle {er} {ledig}' },
  { term: 'skal være ledig', lang: 'da', about: 'benefit status as a condition (for at deltage skal du være ledig)', pattern: 'skal|skulle du|i|man {er} {ledig}' },
  { term: 'skal være ledig', lang: 'da', about: 'benefit status as a condition (det kræver, at du er ledig)', pattern: 'kræver|kræves|krævet|forudsætter|forudsættes|forudsætning|forudsætningen|betingelse|betingelsen|krav|kravet … at du|i {er} {ledig}' },
  { term: 'skal være ledig', lang: 'da', about: 'benefit status as a condition (forudsætter ledighed)', pattern: 'kræver|kræves|forudsætter|forudsættes|forudsætning|forudsætningen|betingelse|betingelsen … ledighed|ledigmelding' },
  { term: 'medlem af en a-kasse', lang: 'da', about: 'membership of an unemployment fund as a condition', pattern: 'skal|skulle være medlem|medlemmer af|i {office}' },
  { term: 'medlem af en a-kasse', lang: 'da', about: 'membership of an unemployment fund as a condition', pattern: 'kræver|kræves|forudsætter|forudsættes|krav|kravet|betingelse|betingelsen … medlemskab af|i {office}' },
  { term: 'tilmeldt som ledig', lang: 'da', about: 'registration in the benefit system (tilmeldt som ledig, meldt ledig)', pattern: 'tilmeld*|afmeld*|registrer*|indskrev*|indskriv*|meld|melde|melder|meldes|meldt som {ledig}' },
  { term: 'tilmeldt som ledig', lang: 'da', about: 'registration in the benefit system (tilmeldt som arbejdssøgende)', pattern: 'tilmeld*|afmeld*|registrer*|indskrev*|indskriv*|meld|melde|melder|meldes|meldt som arbejdssøgende|jobsøgende' },
  { term: 'tilmeldt som ledig', lang: 'da', about: 'registration in the benefit system (meldt ledig, melde dig ledig)', pattern: 'meld|melde|melder|meldes|meldt dig|jer|sig? ledig|arbejdsløs' },
  { term: 'tilmeldt som ledig', lang: 'da', about: 'registration in the benefit system (tilmeldt jobcentret)', pattern: 'tilmeldt|registreret|indskrevet|tilmelde|registrere|indskrive|tilmeld dig|jer? i|hos|på|ved? {office}' },
  { term: 'ledigmeldt', lang: 'da', about: 'registration in the benefit system (ledigmelding, ledighedserklæring)', pattern: 'ledigmeld*|ledighedserklær*' },
  // Reporting the citizen to a benefit authority or a caseworker; talking with one is not ("vi hjælper
  // dig med at tale med din a-kasse"), nor saying that nothing is reported ("vi giver ikke besked").
  { term: 'indberettes til a-kassen', lang: 'da', about: 'reporting the citizen to a benefit authority (indberettes til din a-kasse)', pattern: 'indberet* … {authority}' },
  { term: 'meldes til jobcentret', lang: 'da', about: 'reporting the citizen to a benefit authority (meldes til jobcentret, melder det til a-kassen)', pattern: 'meld*|meldt … til {authority}' },
  { term: 'giver besked til a-kassen', lang: 'da', about: 'reporting the citizen to a benefit authority (vi giver besked til a-kassen)', pattern: 'giver|sender|gives|sendes|går|videregiver|videregives|videresender|videresendes … besked*|meddelelse* … til {authority}' },
  { term: 'giver besked til a-kassen', lang: 'da', about: 'reporting the citizen to a benefit authority (det sendes videre til jobcentret)', pattern: 'sender|sendes|videresender|videresendes|går|giver|gives det|dette|videre … til {authority}' },
  { term: 'giver besked til a-kassen', lang: 'da', about: 'reporting the citizen to a benefit authority (vi vil give besked til a-kassen)', pattern: 'vi|jeg|centret|huset|partneren … give|sende|videregive|videresende … besked*|meddelelse* … til {authority}' },
  { term: 'giver besked til a-kassen', lang: 'da', about: 'reporting the citizen to a benefit authority (vi giver a-kassen besked)', pattern: 'giver|give|gives|sender|sende vi|jeg? {authority} besked*' },
  { term: 'giver besked til a-kassen', lang: 'da', about: 'reporting the citizen to a benefit authority (a-kassen får besked)', pattern: '{authority} … får|få|bliver|blive … besked|orienteret|informeret|underrettet|adviseret|underretning|meddelelse|kontaktet' },
  { term: 'giver besked til a-kassen', lang: 'da', about: 'reporting the citizen to a benefit authority (a-kassen orienteres)', pattern: '{authority} orienteres|informeres|underrettes|adviseres|kontaktes' },
  { term: 'giver besked til a-kassen', lang: 'da', about: 'reporting the citizen to a benefit authority (jobcentret får at vide)', pattern: '{authority} … får|få at vide' },
  { term: 'giver besked til a-kassen', lang: 'da', about: 'reporting the citizen to a benefit authority (vi orienterer jobcentret)', pattern: 'orienterer|orientere|orienteres|underretter|underrette|underrettes|informerer|informere|informeres|adviserer|advisere|adviseres|meddeler|meddele|meddeles vi|jeg? {authority}' },
  { term: 'reported to your unemployment fund', lang: 'en', about: 'reporting the citizen to a benefit authority', pattern: 'report* … to {authority}' },
  { term: 'notify the job centre', lang: 'en', about: 'reporting the citizen to a benefit authority (we will notify the job centre)', pattern: 'notify|notifies|notified|notifying|inform|informs|informed|informing|alert|alerts|alerted|alerting {authority}' },
  { term: 'notify the job centre', lang: 'en', about: 'reporting the citizen to a benefit authority (we let the job centre know)', pattern: 'let|lets {authority} know' },
  { term: 'notify the job centre', lang: 'en', about: 'reporting the citizen to a benefit authority (your a-kasse will be notified)', pattern: '{authority} … be|been|is|are|get|gets notified|informed|told|alerted|contacted' },
  // The availability requirement of benefit law (besides "rådighed" and "availability" above).
  { term: 'disponibel for arbejdsmarkedet', lang: 'da', about: 'the abolished availability duty', pattern: 'disponibel|disponible … for|til arbejdsmarked*|arbejde|job|jobs' },
  { term: 'disponibel for arbejdsmarkedet', lang: 'da', about: 'the abolished availability duty', pattern: 'arbejdsmarkedets disposition' },
  { term: 'available for work', lang: 'en', about: 'the abolished availability duty (you must be available for work)', pattern: 'you … be|are|re|remain|stay|keep available for|to work|employment|jobs|job' },
  { term: 'available for work', lang: 'en', about: 'the abolished availability duty', pattern: 'available for|to the labour|labor market' },
  // Summons, attendance kept track of, and sanctions.
  { term: 'kaldes ind', lang: 'da', about: 'being summoned (du kaldes ind, vi kalder dig ind)', pattern: 'kalder|kalde|kaldes|kaldet|kaldt|kaldte dig|jer|borger*? ind' },
  { term: 'indfinde sig', lang: 'da', about: 'being summoned', pattern: 'indfind*|indfandt' },
  { term: 'du bedes møde', lang: 'da', about: 'being summoned (du bedes møde op, du bedes svare)', pattern: 'du|i|borger* bedes … møde|mødes|deltage|svare|indfinde|aflevere|indsende' },
  { term: 'skal tage imod', lang: 'da', about: 'compulsion (du skal tage imod tilbuddet)', pattern: 'du|i|borger*|deltager* skal|skulle tage|sige imod|ja' },
  { term: 'skal tage imod', lang: 'da', about: 'compulsion (du skal acceptere, du skal svare)', pattern: 'du|i|borger*|deltager* skal|skulle acceptere|svare' },
  { term: 'skal tage imod', lang: 'da', about: 'compulsion (så skal du tage imod)', pattern: 'skal|skulle du|i tage|sige imod|ja' },
  { term: 'skal tage imod', lang: 'da', about: 'compulsion (så skal du svare)', pattern: 'skal|skulle du|i acceptere|svare' },
  { term: 'manglende fremmøde', lang: 'da', about: 'no-shows and the lack of participation', pattern: 'manglende fremmøde*|deltagelse|medvirken|medvirkning|jobsøgning|ansøgninger|rådighed' },
  { term: 'fremmøde registreres', lang: 'da', about: 'a citizen\'s attendance kept track of (dit fremmøde registreres; not a count of how many came)', pattern: 'dit|dine|jeres|borgerens|borgernes|deltagerens|deltagernes fremmøde*|fravær* … registreres|registreret|noteres|noteret|kontrolleres|kontrolleret|indberettes|indberettet|meddeles|tjekkes' },
  { term: 'fremmøde registreres', lang: 'da', about: 'attendance kept track of (vi registrerer dit fremmøde)', pattern: 'registrerer|registrere|noterer|notere|kontrollerer|kontrollere|tjekker|tjekke|fører dit|jeres|borgerens|borgernes|deltagernes fremmøde|fravær' },
  { term: 'fremmøde registreres', lang: 'da', about: 'a citizen\'s attendance kept track of (vi noterer, hvem der kommer)', pattern: 'registrerer|registrere|registreres|noterer|notere|noteres|kontrollerer|kontrollere|kontrolleres|tjekker|tjekke|tjekkes hvem der kommer|kom|møder|mødte|deltager|deltog|udebliver' },
  { term: 'attendance is recorded', lang: 'en', about: 'a citizen\'s attendance kept track of (your attendance is recorded; not a count)', pattern: 'your|their|participants attendance|absence|absences … recorded|registered|monitored|tracked|checked|logged|reported' },
  { term: 'attendance is recorded', lang: 'en', about: 'a citizen\'s attendance kept track of', pattern: 'record*|register*|monitor*|track*|check*|log|logs|logged your|their attendance|absence|absences' },
  { term: 'attendance is recorded', lang: 'en', about: 'a citizen\'s attendance kept track of (we note who comes)', pattern: 'record*|register*|monitor*|track*|check*|note|notes|noted|log|logs|logged who attends|attended|comes|came|shows|showed|turns|turned' },
  { term: 'uden gyldig grund', lang: 'da', about: 'sanctions (hvis du udebliver uden gyldig grund)', pattern: 'uden gyldig|gyldigt|rimelig|rimeligt|lovlig|lovligt|saglig|sagligt|god grund|årsag|forfald' },
  { term: 'uden gyldig grund', lang: 'da', about: 'sanctions (lovligt forfald)', pattern: 'lovlig|lovligt forfald' },
  { term: 'without good reason', lang: 'en', about: 'sanctions (if you decline without a good reason)', pattern: 'without … good|valid|reasonable|acceptable|legitimate reason|reasons|cause|excuse' },
  { term: 'fratages', lang: 'da', about: 'losing something (fratages retten, frakendes)', pattern: 'fratag*|fratog|frakend*' },
  { term: 'mister din', lang: 'da', about: 'losing something (ellers mister du retten)', pattern: 'mister|miste du|i din|dine|dit|jeres|retten|hjælpen|pengene|støtten|pladsen' },
  { term: 'mister din', lang: 'da', about: 'losing something (ledige, der mister deres hjælp)', pattern: 'mister|miste deres|sin|sine|sit hjælp|støtte|penge|ret|retten|plads|pladsen|forsørgelse|dagpenge|kontanthjælp|understøttelse|ydelse*' },
  { term: 'din hjælp stopper', lang: 'da', about: 'help or money stopped or cut (din hjælp stopper, hjælpen kan blive nedsat)', pattern: 'din|dine|jeres hjælp|støtte|penge|forsørgelse|indkomst … stopper|stoppes|stoppet|standses|standset|ophører|nedsættes|nedsat|reduceres|reduceret|fjernes|fjernet|tilbageholdes|tilbageholdt|trækkes|inddrages|inddraget' },
  { term: 'din hjælp stopper', lang: 'da', about: 'help or money stopped or cut', pattern: 'hjælpen|støtten|pengene|forsørgelsen|indkomsten … stopper|stoppes|stoppet|standses|standset|ophører|nedsættes|nedsat|reduceres|reduceret|fjernes|fjernet|tilbageholdes|tilbageholdt|trækkes|inddrages|inddraget' },
  { term: 'din hjælp stopper', lang: 'da', about: 'help or money stopped or cut (vi lukker for pengene)', pattern: 'lukker|lukke|lukkes|skruer|skrue|stopper|stoppe|stoppes for … hjælpen|støtten|pengene|forsørgelsen|hjælp|støtte|penge' },
  { term: 'din hjælp stopper', lang: 'da', about: 'help or money stopped or cut (jobcentret kan stoppe din hjælp)', pattern: '{authority} … stopper|stoppe|standser|standse|nedsætter|nedsætte|fjerner|fjerne|tilbageholder|tilbageholde|modregner|trækker|fratager din|dine|jeres|hjælpen|pengene|støtten' },
  { term: 'trækkes i din hjælp', lang: 'da', about: 'deductions from help or money', pattern: 'fradrag|fradraget|modregning|modregnes|modregnet|trækkes|trukket|træk|trækker i din|dine|jeres hjælp|støtte|penge|forsørgelse' },
  { term: 'trækkes i din hjælp', lang: 'da', about: 'deductions from help or money', pattern: 'fradrag|fradraget|modregning|modregnes|modregnet|trækkes|trukket|træk|trækker i hjælpen|støtten|pengene|forsørgelsen' },
  { term: 'betydning for din sag', lang: 'da', about: 'consequences of saying no (kan få betydning for din sag)', pattern: 'betydning|følger for|på din|dine|jeres sag|hjælp|støtte|forsørgelse|ret|rettigheder' },
  { term: 'betydning for din sag', lang: 'da', about: 'consequences of saying no (det påvirker din sag)', pattern: 'påvirk* det|dette? din|dine|jeres|borgerens|borgernes|deres sag|hjælp|støtte|forsørgelse|ret|rettigheder|dagpenge|kontanthjælp|ydelse*|udbetaling*' },
  { term: 'affect your case', lang: 'en', about: 'consequences of saying no (this will affect your case)', pattern: 'affect|affects|affecting|impact|impacts your case|payment|payments|allowance|income|entitlement|entitlements' },
  { term: 'betingelse for hjælp', lang: 'da', about: 'taking part as a condition of help (en betingelse for at få hjælp)', pattern: 'betingelse|betingelsen|forudsætning|forudsætningen for at få|modtage|beholde|bevare hjælp|hjælpen|støtte|støtten|penge|pengene|forsørgelse|din|dine|jeres' },
  { term: 'betingelse for hjælp', lang: 'da', about: 'taking part as a condition of help (som betingelse for dagpenge)', pattern: 'betingelse|betingelsen|forudsætning|forudsætningen for dagpenge|kontanthjælp|ydelse*|hjælp|hjælpen|støtte|støtten|forsørgelse|udbetaling*|understøttelse' },
  { term: 'betingelse for hjælp', lang: 'da', about: 'taking part as a condition of help (for at beholde din hjælp)', pattern: 'beholde|bevare din|dine|jeres hjælp|støtte|penge|forsørgelse' },
  { term: 'condition of support', lang: 'en', about: 'taking part as a condition of help', pattern: 'condition|conditions|conditional of|for|on receiving|keeping|continuing' },
  { term: 'condition of support', lang: 'en', about: 'taking part as a condition of help (to keep your allowance)', pattern: 'keep|retain your allowance|payment|payments|income|entitlement|entitlements' },
  { term: 'payments stop', lang: 'en', about: 'payments of benefits stopped (your allowance will be cut)', pattern: 'your allowance|money|income|payment|payments … stop*|cease*|suspend*|cut|reduced|withheld|withdrawn' },
  { term: 'payments stop', lang: 'en', about: 'payments of benefits stopped (we stop your allowance)', pattern: 'stop*|suspend*|cut|reduce*|withhold*|withdraw* … your allowance|income|payment|payments' },
  { term: 'expected to', lang: 'en', about: 'obligations (you are expected to attend)', pattern: 'you|citizen*|participant*|everyone are|is|re expected to' },
  { term: 'expected to', lang: 'en', about: 'obligations (we expect you to come)', pattern: 'expect|expects you to' },
  { term: 'failure to attend', lang: 'en', about: 'no-shows (failure to attend)', pattern: 'failure|failing|fail to attend|participate|comply|appear|show|respond|reply|take|turn|report|apply' },
  { term: 'called in', lang: 'en', about: 'being summoned (you will be called in for a meeting)', pattern: 'called in for|to' },
  { term: 'duty', lang: 'en', about: 'obligations (you have a duty to attend)', pattern: 'you|citizen*|participant* have|has a|the duty|duties' },
  { term: 'duty', lang: 'en', about: 'obligations', pattern: 'duty|duties to attend|participate|take|accept|apply|report|show|reply|respond|be' },
  // The benefit regime's own schemes: activation, "useful work", the job log and the job-search demands.
  { term: 'aktivering', lang: 'da', about: 'the benefit regime (aktiveringstilbud, nytteindsats)', pattern: 'aktiveringstilbud*|aktiveringsforløb*|aktiveringsperiode*|aktiveringsindsats*|aktiveringskrav*|nytteindsats*|nyttejob*|nytteaktivering*' },
  { term: 'joblog', lang: 'da', about: 'the benefit regime (the job log kept for the availability check)', pattern: 'joblog*' },
  { term: '225-timersreglen', lang: 'da', about: 'the benefit regime (the 225-hour rule)', pattern: '225 timer*' },
  { term: 'jobsøgningskrav', lang: 'da', about: 'the benefit regime (job-search and work demands)', pattern: '*søgekrav*|*søgningskrav*|arbejdskrav*|beskæftigelseskrav*|opholdskrav*|timekrav*' },
  { term: 'activation', lang: 'en', about: 'the benefit regime (workfare, activation programmes)', pattern: 'workfare|activation offer*|programme*|program*|scheme*|requirement*|period*' },
  { term: 'activation', lang: 'en', about: 'the benefit regime (counts towards your requirement)', pattern: 'count|counts|counted towards|toward … requirement*|obligation*|quota*|activation' },
  // Eligibility tied to benefit status, and registration as a condition, in English.
  { term: 'only for the unemployed', lang: 'en', about: 'eligibility tied to benefit status (only for the unemployed)', pattern: 'only|exclusively|solely|reserved|restricted|limited … for|to {unemployed}' },
  { term: 'only for the unemployed', lang: 'en', about: 'eligibility tied to benefit status (for the unemployed only)', pattern: 'for|to {unemployed} only' },
  { term: 'only for the unemployed', lang: 'en', about: 'eligibility tied to benefit status (only if you are unemployed)', pattern: 'only|solely if|when you are|re|were currently|still? {jobless}' },
  { term: 'only for the unemployed', lang: 'en', about: 'eligibility tied to benefit status (only if you have been unemployed)', pattern: 'only|solely if|when you have|ve been {jobless}' },
  { term: 'only for the unemployed', lang: 'en', about: 'benefit status as a condition (you need to be unemployed)', pattern: 'you|participant*|applicant* need|needs to be|remain|stay {jobless}' },
  { term: 'only for the unemployed', lang: 'en', about: 'benefit status as a condition (requires you to be unemployed)', pattern: 'requir* you to be {jobless}' },
  { term: 'only for the unemployed', lang: 'en', about: 'benefit status as a condition (requires that you are unemployed)', pattern: 'requir*|provided|providing|condition that? you are|re|be {jobless}' },
  { term: 'only for the unemployed', lang: 'en', about: 'benefit status as a condition (as long as you are unemployed)', pattern: 'as long as you are|re {jobless}' },
  { term: 'only for the unemployed', lang: 'en', about: 'benefit status as a condition (eligible only if you are unemployed)', pattern: 'eligib* only if|when you are|re {jobless}' },
  { term: 'registered as unemployed', lang: 'en', about: 'registration in the benefit system', pattern: 'register*|signed|enrolled|listed as a|an? unemployed|jobless|jobseeker*|claimant*' },
  { term: 'registered as unemployed', lang: 'en', about: 'registration in the benefit system', pattern: 'register*|signed|enrolled|listed as a|an? job seeker*' },
  { term: 'registered as unemployed', lang: 'en', about: 'registration in the benefit system (registered with the job centre)', pattern: 'register*|signed|enrol*|sign on|up? with|at {office}' },
  // Deadlines set for the citizen (besides "frist", "senest" and "deadline" above).
  { term: 'svar inden', lang: 'da', about: 'deadlines set for the citizen (svar inden fredag, tilmelding inden 1. marts)', pattern: 'svar|svaret|tilmeld|tilmelding|tilmeldingen|ansøg|ansøgning|ansøgningen|ansøgninger|søg|send|aflever|indsend|indlever|returner|underskriv … inden|før|indenfor {when}' },
  { term: 'svar inden', lang: 'da', about: 'deadlines set for the citizen (svar inden for 14 dage)', pattern: 'svar|svaret|tilmeld|tilmelding|tilmeldingen|ansøg|ansøgning|ansøgningen|søg|send|aflever|indsend|indlever|returner|underskriv … inden|indenfor for? … dage|dagen|uger|ugen|timer|hverdage' },
  { term: 'svar inden', lang: 'da', about: 'deadlines set for the citizen (du har indtil fredag til at svare)', pattern: 'du|i har indtil|til {when} … til at' },
  { term: 'svar inden', lang: 'da', about: 'deadlines set for the citizen (sidste dag for tilmelding)', pattern: 'sidste dag|dato|chance for|til|at tilmelding*|tilmelde|svar|svare|ansøgning*|ansøge|melde' },
  { term: 'svar inden', lang: 'da', about: 'deadlines set for the citizen (sidste tilmeldingsdag)', pattern: 'sidste tilmeldingsdag*|tilmeldingsdato*|svardag*|svardato*|ansøgningsdag*|ansøgningsdato*' },
  { term: 'reply by', lang: 'en', about: 'deadlines set for the citizen (reply by Friday, apply before 1 March)', pattern: 'reply|respond|apply|register|submit|enrol|enroll|sign … by|before {when}' },
  { term: 'reply by', lang: 'en', about: 'deadlines set for the citizen (you have until Friday to reply)', pattern: 'you have until {when} … to' },
  { term: 'reply by', lang: 'en', about: 'deadlines set for the citizen (the last day to apply, the closing date)', pattern: 'last day|date|chance to|for apply|register|reply|respond|sign|applications|application|registration|replies' },
  { term: 'reply by', lang: 'en', about: 'deadlines set for the citizen (the closing date)', pattern: 'closing date|dates' },
  // Summoned, kept to, and told no cannot be said.
  { term: 'skal møde', lang: 'da', about: 'being summoned (som ledig skal du møde op)', pattern: 'skal|skulle du|i|borger* møde' },
  { term: 'skal deltage', lang: 'da', about: 'being summoned (ledige skal deltage)', pattern: '{ledige} skal|skulle deltage|møde|mødes|svare|acceptere' },
  { term: 'kan ikke sige nej', lang: 'da', about: 'compulsion (du kan ikke sige nej, tilbuddet kan ikke afslås)', pattern: 'kan|må du|i|man? ikke sige|takke nej' },
  { term: 'kan ikke sige nej', lang: 'da', about: 'compulsion (du kan ikke sige nej, tilbuddet kan ikke afslås)', pattern: 'kan|må du|i|man? ikke afslå|afvise|fravælge|afslås|fravælges' },
  { term: 'kan ikke sige nej', lang: 'da', about: 'compulsion (du kan ikke melde dig ud)', pattern: 'kan|må du|i|man? ikke melde dig|jer|sig ud|fra' },
  { term: 'kan ikke sige nej', lang: 'da', about: 'compulsion (du har ikke lov til at sige nej)', pattern: 'ikke lov til? at sige|takke nej' },
  { term: 'kan ikke sige nej', lang: 'da', about: 'compulsion (du får ikke lov at melde dig fra)', pattern: 'ikke lov til? at melde|trække dig|jer|sig fra|ud|tilbage' },
  { term: 'cannot say no', lang: 'en', about: 'compulsion (you are not allowed to say no)', pattern: 'not|t allowed|permitted to say no' },
  { term: 'cannot say no', lang: 'en', about: 'compulsion (you are not allowed to decline)', pattern: 'not|t allowed|permitted to decline|refuse|withdraw|quit|leave|opt' },
  { term: 'cannot say no', lang: 'en', about: 'compulsion (you cannot say no, an offer you cannot refuse)', pattern: 'cannot say|opt no|out' },
  { term: 'cannot say no', lang: 'en', about: 'compulsion', pattern: 'can|may t|not say|opt no|out' },
  { term: 'cannot say no', lang: 'en', about: 'compulsion', pattern: 'cannot decline|refuse|withdraw|quit' },
  { term: 'cannot say no', lang: 'en', about: 'compulsion', pattern: 'can|may t|not decline|refuse|withdraw|quit' },
  { term: 'bindende tilmelding', lang: 'da', about: 'compulsion (tilmeldingen er bindende)', pattern: 'bindende tilmelding*|deltagelse*' },
  { term: 'bindende tilmelding', lang: 'da', about: 'compulsion (tilmeldingen er bindende)', pattern: 'tilmelding*|deltagelse*|deltagelsen … bindende' },
  { term: 'bindende tilmelding', lang: 'en', about: 'compulsion (registration is binding)', pattern: 'registration|enrolment|enrollment|participation|attendance|commitment … is|are binding' },
  { term: 'bindende tilmelding', lang: 'en', about: 'compulsion (registration is binding)', pattern: 'binding registration|enrolment|enrollment|participation|attendance|commitment' },
  { term: 'tildelt en tid', lang: 'da', about: 'being summoned (du har fået tildelt en tid)', pattern: 'tildel*|tildelt … tid|tiden|tidspunkt*|møde|mødet|samtale|samtalen' },
  { term: 'tildelt en tid', lang: 'da', about: 'being summoned (tidspunktet tildeles)', pattern: 'tid|tiden|tidspunkt*|møde|mødet|samtale|samtalen … tildel*|tildelt' },
  { term: 'assigned an appointment', lang: 'en', about: 'being summoned (you have been assigned an appointment)', pattern: 'assigned|allocated … appointment*|meeting|meetings|interview|interviews' },
  { term: 'anvist arbejde', lang: 'da', about: 'the benefit regime (work assigned to the citizen)', pattern: 'anviser|anvise|anvises|anvist|anviste … job|jobbet|jobs|arbejde|arbejdet|stilling|stillingen|stillinger' },
  { term: 'anvist arbejde', lang: 'da', about: 'the benefit regime (work assigned to the citizen)', pattern: 'job|jobbet|jobs|arbejde|arbejdet|stilling|stillingen|stillinger … anviser|anvise|anvises|anvist|anviste' },
  { term: 'anvist arbejde', lang: 'en', about: 'the benefit regime (work assigned to the citizen)', pattern: 'be|been|are|is|get assigned|allocated … job|work|position|placement' },
  { term: 'disponibel for arbejdsmarkedet', lang: 'da', about: 'the abolished availability duty (tage et job med dags varsel)', pattern: 'job|jobbet|jobs|arbejde|arbejdet|stilling|starte|tiltræde … med|på en? dags varsel' },
  { term: 'available for work', lang: 'en', about: 'the abolished availability duty (take a job at a day\'s notice)', pattern: 'job|work|start … at|on|with a|one day|days s? notice' },
  // Attendance shared with, or seen by, a benefit authority.
  { term: 'fremmøde registreres', lang: 'da', about: 'a citizen\'s attendance given to a benefit authority', pattern: 'del|deler|deles|delt … fremmøde*|fravær* … {authority}' },
  { term: 'fremmøde registreres', lang: 'da', about: 'a citizen\'s attendance seen by a benefit authority (jobcentret kan se, om du kommer)', pattern: '{authority} … se|ser|følger|tjekker|tjekke|kontrollerer|kontrollere om|hvornår|hvis du|i deltager|kommer|møder|mødte|udebliver|deltog|kom' },
  { term: 'fremmøde registreres', lang: 'da', about: 'a citizen\'s attendance kept track of (fraværsregistrering)', pattern: 'fraværsregistrering*|fraværsprotokol*|fraværsliste*|fraværskontrol*|fremmødeliste*|fremmøderegistrering*|fremmødekontrol*' },
  { term: 'attendance is recorded', lang: 'en', about: 'a citizen\'s attendance given to a benefit authority', pattern: 'share|shares|shared|pass|passes|passed|send|sends|sent … attendance|absence|absences … {authority}' },
  { term: 'attendance is recorded', lang: 'en', about: 'a citizen\'s attendance seen by a benefit authority', pattern: '{authority} … see|sees|check|checks|monitor|monitors|track|tracks whether|if|when you attend|come|show|turn|take' },
  { term: 'attendance is recorded', lang: 'en', about: 'a citizen\'s attendance kept track of', pattern: 'attendance register|registers|sheet|sheets|list|lists|check|checks|record|records' },
  // Reports and contact about the citizen, to a benefit authority.
  { term: 'giver besked til a-kassen', lang: 'da', about: 'reporting the citizen to a benefit authority (hvis du ikke kommer, kontakter vi din a-kasse)', pattern: 'kontakter|ringer vi|jeg til? {authority}' },
  { term: 'giver besked til a-kassen', lang: 'da', about: 'reporting the citizen to a benefit authority (vi vil kontakte din a-kasse)', pattern: 'vi|jeg vil kontakte|ringe til? {authority}' },
  { term: 'giver besked til a-kassen', lang: 'da', about: 'reporting the citizen to a benefit authority (vi sender et referat til jobcentret)', pattern: 'kopi|kopien|kopier|referat|referatet|notat|notatet|journal|journalen|rapport|rapporten|statusrapport*|status … til {authority}' },
  { term: 'notify the job centre', lang: 'en', about: 'reporting the citizen to a benefit authority (we will contact your a-kasse)', pattern: 'we|i will|ll|shall contact|call|phone|email {authority}' },
  { term: 'notify the job centre', lang: 'en', about: 'reporting the citizen to a benefit authority (we send a copy to the job centre)', pattern: 'copy|copies|notes|report|reports|summary|minutes|record|records … to|with {authority}' },
  // Sanctions and risks to help.
  { term: 'karantæne', lang: 'da', about: 'sanctions (du får karantæne)', pattern: 'får|få|idøm*|giver|give … karantæne*' },
  { term: 'selvforskyldt ledighed', lang: 'da', about: 'sanctions (self-inflicted unemployment)', pattern: 'selvforskyld*' },
  // Only as given: folded, "bøder" and "boder" (market stalls) are spelt alike.
  { term: 'bøde', lang: 'da', about: 'sanctions (fines: du kan få en bøde)', pattern: 'får|få|fik|give|giver|idøm*|risiker* … bøde|bødestraf*' },
  { term: 'fined', lang: 'en', about: 'sanctions (fines)', pattern: 'be|been|get|gets|are|is fined' },
  { term: 'mister din', lang: 'da', about: 'losing something (du risikerer din hjælp)', pattern: 'risiker* din|dine|jeres hjælp|støtte|penge|forsørgelse|plads|ret' },
  { term: 'lose your', lang: 'en', about: 'losing something (you risk your allowance)', pattern: 'risk|risks|risking your allowance|payment|payments|income|place|entitlement|entitlements' },
  // Deadlines, further.
  { term: 'svar inden', lang: 'da', about: 'deadlines set for the citizen (husk at svare inden fredag)', pattern: 'svare|tilmelde|ansøge|sende|aflevere|indsende|indlevere|returnere … inden|før|senest {when}' },
  { term: 'svar inden', lang: 'da', about: 'deadlines set for the citizen (du har 14 dage til at svare)', pattern: 'du|i har … dage|uger|timer|dagen|ugen til at svare|tilmelde|beslutte|acceptere|sige|melde|søge' },
  { term: 'reply by', lang: 'en', about: 'deadlines set for the citizen (please reply within 14 days)', pattern: 'reply|respond|answer|apply|register|submit|enrol|enroll … within … days|weeks|hours' },
  { term: 'reply by', lang: 'en', about: 'deadlines set for the citizen (you have 14 days to reply)', pattern: 'you have … days|weeks|hours to reply|respond|decide|accept|answer|apply|register' },
];

/**
 * The phrases a pattern names as `{name}`, each a pattern itself (a `{when}` is declared with the
 * matching below). A benefit authority is named without the genitive, so that "meld dig til
 * kommunens motionsløb" or "a-kassens informationsmøde" is no report to one.
 */
export const PHRASES: Readonly<Record<string, readonly string[]>> = {
  det: ['din|dit|dine|jeres|den|det|de|en|et|your|the|a|an|their'],
  office: [
    '{det}? a kasse|kassen|kasser|kasserne',
    '{det}? akasse|akassen|akasser|akasserne',
    '{det}? jobcenter|jobcentret|jobcenteret|jobcentre|jobcentrene|jobcenters|jobcentres|jobcentere',
    '{det}? job center|centre|centret|centers|centres',
    '{det}? unemployment insurance? fund|funds',
    '{det}? ydelseskontor|ydelseskontoret',
  ],
  authority: ['{office}', '{det}? sagsbehandler|sagsbehandleren|sagsbehandlere|caseworker|caseworkers', '{det}? case worker|workers|officer|officers'],
  /** A status of the benefit system, said of someone. */
  ledig: [
    '*ledig|*ledige|arbejdsløs|arbejdsløse|ledigmeldt|ledigmeldte',
    'forsikret|forsikrede ledig|ledige',
    'aktivt arbejdssøgende|jobsøgende',
    'jobparat|jobparate|aktivitetsparat|aktivitetsparate|uddannelsesparat|uddannelsesparate',
    '*pengemodtager*|*hjælpsmodtager*|*ydelsesmodtager*|matchgruppe*',
    'på offentlig forsørgelse',
    'på overførselsindkomst',
  ],
  /** People of such a status. */
  ledige: [
    '*ledige|arbejdsløse|ledigmeldte|forsikrede|jobparate|aktivitetsparate|uddannelsesparate',
    'aktivt arbejdssøgende|jobsøgende',
    '*pengemodtagere|*hjælpsmodtagere|*ydelsesmodtagere|matchgruppe*',
    'modtagere|modtager af dagpenge|kontanthjælp|sygedagpenge|overførselsindkomst|understøttelse|offentlig|ydelse*',
    'dig|jer|dem|de|personer|folk|borgere|mennesker|ansøgere|deltagere|unge|voksne … der|som {er} {ledig}',
    'dig|jer|dem|de|personer|folk|borgere|mennesker|ansøgere|deltagere|unge|voksne på dagpenge|kontanthjælp|overførselsindkomst|offentlig|ydelse*|understøttelse',
  ],
  er: ['er|bliver|var|blive|være|blevet', 'har|havde|have været', 'er|bliver|være stadig|fortsat|allerede'],
  /** People of such a status, in English. */
  unemployed: [
    'unemployed|jobless|claimant|claimants',
    'the unemployed|jobless',
    'people|persons|those|citizens|residents who|that are|re {jobless}',
    'people|persons|those|citizens|residents out of work',
    'people|persons|those|citizens|residents receiving|claiming',
    'people|persons|those|citizens|residents in receipt',
    'people|persons|those|citizens|residents on benefit|benefits|welfare|dole',
  ],
  jobless: ['unemployed|jobless', 'out of work', 'a|an jobseeker|claimant'],
};

/**
 * Everyday phrases that contain a term without its meaning, removed before matching, in this order.
 * Each is a pattern as above. "Til rådighed" is innocent only after "stille" (to make something
 * available), and never when it is about the labour market. Saying that something is not so is
 * saying that it is voluntary ("ikke kun for ledige", "vi giver ikke besked til a-kassen", "you do not
 * have to"); a negation is innocent only right beside its verb, so that "hvis du ikke kommer,
 * sendes det til a-kassen" is still refused.
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
  // Influence (indflydelse, medindflydelse) is no benefit (ydelse).
  { phrase: '*indflydelse*' },
  // Information about benefits, as an a-kasse gives it: a mention, not a tie (the words themselves stay declared).
  { phrase: 'info|information|informationer|informationsmøde*|informationsaften* om dagpenge|kontanthjælp' },
  { phrase: 'info|information about|on unemployment? benefit|benefits' },
  // "Ledig" is also vacant or free: "kun ledige pladser om tirsdagen".
  { phrase: 'ledig|ledige|ledigt plads|pladser|pladsen|tid|tider|tiden|stilling|stillinger|stillingen|job|jobs|jobbet|lokale|lokaler|lokalet|time|timer|stol|stole|hold|dato|datoer|kapacitet' },
  // Not only for: open to all.
  { phrase: 'ikke kun|alene|udelukkende|bare|blot' },
  { phrase: 'not only|just|solely|exclusively' },
  // Registration that is not needed (these before "ikke et krav" below).
  { phrase: 'uanset om … tilmeldt|registreret|indskrevet|ledigmeldt|meldt' },
  { phrase: 'behøver|behøves|kræver|kræves|forudsætter|forudsættes ikke … tilmeldt|registreret|indskrevet|ledigmeldt|meldt' },
  { phrase: 'skal|skulle ikke være|blive tilmeldt|registreret|indskrevet|ledigmeldt|meldt' },
  { phrase: 'ikke|ingen et|en? krav|betingelse|forudsætning … tilmeldt|registreret|indskrevet|ledigmeldt|meldt' },
  { phrase: 'uden at være|blive tilmeldt|registreret|indskrevet|ledigmeldt|meldt' },
  { phrase: 'selvom|om du|i ikke er|bliver tilmeldt|registreret|indskrevet|ledigmeldt|meldt' },
  { phrase: 'even if|though … register*|signed|enrolled' },
  { phrase: 'whether|regardless … … register*|signed|enrolled' },
  { phrase: 'no matter … … register*|signed|enrolled' },
  { phrase: "not|t|never|needn't have|need|needs|required to be register*|signed|enrolled" },
  { phrase: "needn't be register*|signed|enrolled" },
  { phrase: 'no need to be register*|signed|enrolled' },
  { phrase: 'without being register*|signed|enrolled' },
  // Saying that something is no demand or condition is saying that it is voluntary.
  { phrase: 'ikke et krav' },
  { phrase: 'ingen krav' },
  { phrase: 'ingen betingelse*|forudsætning*' },
  { phrase: 'ikke en betingelse|forudsætning' },
  { phrase: 'kræver|kræves|forudsætter|forudsættes ikke' },
  // Saying that nothing is reported, kept track of, stopped or affected.
  { phrase: 'ikke|aldrig påvirk*' },
  { phrase: 'ikke|aldrig|intet|ingenting indberetter|indberettes|indberettet|melder|meldes|meldt|giver|gives|givet|sender|sendes|sendt|orienterer|orienteres|underretter|underrettes|informerer|informeres|videregiver|videregives|videresender|videresendes|meddeler|meddeles|adviserer|adviseres|registrerer|registreres|registreret|noterer|noteres|noteret|kontrollerer|kontrolleres|fratager|fratages' },
  { phrase: 'vil|skal|skulle|kommer ikke|aldrig til? at? indberette|melde|give|sende|orientere|underrette|informere|videregive|videresende|meddele|advisere|registrere|notere|kontrollere|fratage' },
  { phrase: 'indberet*|meld*|giv*|giver|send*|orienter*|underret*|informer*|videregiv*|videresend*|meddel*|advis*|registrer*|noter*|kontroller*|tjekker|tjekkes|fører|fratager ikke|aldrig|intet|ingenting' },
  { phrase: 'ingen besked*|meddelelse*' },
  { phrase: 'ikke|aldrig bindende' },
  { phrase: 'not|never binding' },
  { phrase: 'ikke|aldrig del|deler|deles|se|ser|følger|tjekker|kontakter|kontakte|ringer' },
  { phrase: 'deler|deles|ser|følger|tjekker|kontakter|ringer ikke|aldrig' },
  { phrase: 'kan|vil|må ikke|aldrig se|følge|tjekke|kontrollere|kontakte|ringe|dele' },
  { phrase: 'får|få|bliver|blive ikke|aldrig besked|orienteret|informeret|underrettet|kontaktet|meddelelse|underretning' },
  { phrase: 'får|få ikke|aldrig at vide' },
  { phrase: 'ikke|aldrig får|få|bliver|blive besked|orienteret|informeret|underrettet|kontaktet|meddelelse|underretning' },
  { phrase: 'ikke|aldrig får|få at vide' },
  { phrase: 'stopper|stoppes|standses|ophører|nedsættes|reduceres|fjernes|trækkes|tilbageholdes ikke|aldrig' },
  { phrase: 'ingen|ikke betydning|følger' },
  { phrase: 'ikke nogen betydning|følger' },
  { phrase: 'not|t|never|cannot notify|notifies|notified|inform|informs|informed|report|reports|reported|tell|tells|told|alert|alerts|alerted|contact|contacts|contacted|recorded|registered|monitored|tracked|checked|logged|record|monitor|track|check|affect|affects|impact|impacts' },
  { phrase: 'not|t|never|cannot share|shares|shared|pass|passes|passed|send|sends|sent|see|sees|check|checks|monitor|monitors|track|tracks|call|phone|email' },
  { phrase: 'not|t|never|cannot be|been|get notified|informed|told|alerted|contacted|reported|recorded|registered|monitored|tracked|checked|logged' },
  // Saying that the citizen gets an answer is no deadline for them ("du får svar inden fredag").
  { phrase: 'få|får|giver|give|sender|sende|dig|jer et? svar' },
  { phrase: 'svar fra os' },
  { phrase: 'we will|shall|can|ll? reply|respond' },
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
/** A day or a date, as a deadline names it: a weekday, a number, a month, "kl.", "den", "i morgen", "the 5th". */
const WHEN = [
  ...['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
  ...['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
  // English months ("may" is left out: "before you may …").
  ...['january', 'february', 'march', 'june', 'july', 'october'],
  ...['kl', 'den', 'd', 'i morgen', 'i overmorgen', 'næste', 'om en uge', 'tomorrow', 'next', 'noon', 'midnight', 'the end', 'end of'],
]
  .map((w) => escape(foldedWords(w)))
  .concat('(?:the )?\\p{N}+(?:st|nd|rd|th)?');
/** A declared pattern (see the top of this file) as the source of a regular expression over the folded form, each word followed by a space. */
function source(pattern: string, seen: readonly string[] = []): string {
  return pattern
    .split(' ')
    .map((raw) => {
      const optional = raw.length > 1 && raw.endsWith('?');
      const token = optional ? raw.slice(0, -1) : raw;
      let body: string;
      if (token === '…') body = `(?:${WORD}+ ){0,3}`;
      else if (token === '{when}') body = `(?:${WHEN.join('|')}) `;
      else if (/^\{\w+\}$/.test(token)) {
        const name = token.slice(1, -1);
        const phrases = Object.hasOwn(PHRASES, name) ? PHRASES[name] : undefined;
        if (phrases === undefined || seen.includes(name)) throw new Error(`the coercion pattern "${pattern}" names ${token}, which is not declared (or names itself)`);
        body = `(?:${phrases.map((p) => source(p, [...seen, name])).join('|')})`;
      } else {
        const either = token.split('|').map((word) => {
          const before = word.startsWith('*') ? `${WORD}*` : '';
          const after = word.endsWith('*') ? `${WORD}*` : '';
          return `${before}${escape(foldedWords(word.replace(/^\*|\*$/g, '')))}${after}`;
        });
        body = `(?:${either.join('|')}) `;
      }
      return optional ? `(?:${body})?` : body;
    })
    .join('');
}
const TERMS = COERCIVE_TERMS.map((t) => ({ term: t.term, folded: foldedWords(t.term), whole: t.wholeWords === true, pattern: t.pattern === undefined ? null : new RegExp(` ${source(t.pattern)}`, 'u') }));
const INNOCENT = INNOCENT_PHRASES.map(({ phrase, unlessFollowedBy }) => {
  const unless = unlessFollowedBy ? `(?!${escape(foldedWords(unlessFollowedBy))})` : '';
  return new RegExp(` ${source(phrase)}${unless}`, 'gu');
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
