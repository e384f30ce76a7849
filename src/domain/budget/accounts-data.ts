/**
 * Reference data for the accounts on a budget line: the standard accounts (standardkonti) of the
 * state's chart of accounts as they appear in the Finance Act, and the Finance Act accounts of
 * § 17 Beskæftigelsesministeriet, the ministry whose section holds the job centre appropriations.
 *
 * Sources
 * 1. Finansministeriet / Økonomistyrelsen, Finanslovsdatabasen (the Finance Act database),
 *    https://www.oes-cs.dk/olapdatabase/finanslov/index.cgi, read through a public copy made by its
 *    scraper: github.com/kalkun/finansloven, public/data/finanslov_y2003.tsv … finanslov_y2023.tsv,
 *    commit c49a6242c17523a41b2becf3d8aea6bba2aad509 (FL2023 scraped 2023-01-14; whether its F 2023
 *    column is the bill or the enacted act is not stated). Each row is a 10-digit account
 *    (paragraf 2, hovedområde 1, aktivitetsområde 1, hovedkonto 2, underkonto 2, standardkonto 2)
 *    with the name of every level. All § 17 names and all standard account names marked "FL" below
 *    are copied from it verbatim; the database abbreviates and cuts names at 45 characters, and
 *    those cuts are kept (one fix: "jf. # 68" in 17.22.01 is the database's rendering of "jf. § 68").
 * 2. Økonomistyrelsen, Økonomisk Administrativ Vejledning (ØAV), "Statens kontoplan", one page per
 *    standard account under https://oes.dk/oekonomi/oeav/kontoplan/ (also served under
 *    https://oes.dk/statsregnskab/oekonomisk-administrativ-vejledning-oeav/kontoplan/ and the older
 *    https://modst.dk/oekonomi/oeav/kontoplan/), e.g. …/overfoerselsudgifter-mv-40-49/
 *    46-tilskud-til-anden-virksomhed-og-investeringstilskud/. Names marked "ØAV" are its headings,
 *    used where the database abbreviates.
 * 3. ØAV, "Sammenhæng mellem bevillingstype og kontoplan", https://oes.dk/statsregnskab/
 *    oekonomisk-administrativ-vejledning-oeav/kontoplan/opbygningen-af-den-statslige-kontoplan/
 *    sammenhaeng-mellem-bevillingstype-og-kontoplan/: its table gives, per appropriation type,
 *    which standard accounts are budgeted as expenditure and which as revenue (e.g. reservations-
 *    bevilling: udgift 16, 22, 26, 41-49, 54, 56, 58, 85; indtægt 11, 13, 21, 25, 30-35, 55, 57, 59,
 *    80, 84; anlægsbevilling adds udgift 46, 49, 51 and indtægt 52, 87; anden bevilling adds udgift
 *    81, 83 and indtægt 82).
 * 4. ØAV, "Opbygningen af den statslige kontoplan" (…/opbygningen-af-den-statslige-kontoplan/) and
 *    "Underkonti" (…/opbygningen-af-den-statslige-kontoplan/underkonti/), and the older
 *    http://www.modst.dk/OEAV/5-Kontoplan and …/5-Kontoplan/Statens-kontoplan-2011/Strukturen-i-
 *    statens-kontoplan-2011: the 10-digit layout above; Folketinget appropriates on the first 6
 *    digits, the underkonto is information in the annotations and divides a hovedkonto into
 *    sub-activities; standard accounts 10-29 are driftsposter, 30-34 overførselsindtægter, 40-49
 *    overførselsudgifter, 50-69 aktiver and 70-99 passiver.
 * 5. Cross-check only: the printed "Finanslov for finansåret 2014. Tekst og anmærkninger (ajourført).
 *    § 17 Beskæftigelsesministeriet" (copy at https://docplayer.dk/728304-Finanslov-for-finansaaret-
 *    2014-tekst-og-anmaerkninger-ajourfoert-17-beskaeftigelsesministeriet.html) names the same
 *    hovedområder and aktivitetsområder as the database does for FL2014.
 *
 * What was verified, and how
 * - Standard accounts: every code and name appears in the Finance Act database for FL2020–FL2023.
 *   The kind (udgift: expenditure, indtægt: revenue) of each rests on [T] the table of source 3,
 *   [K] the account's own ØAV page (its description, or its words "indtægtskonto", "udgiftskonto",
 *   "kreditposteringer", "debetposteringer", "omkostningskonto"), or [S] the sign of its amounts
 *   in FL2021–FL2023 (the Finance Act shows revenue negative), as marked on each entry. English
 *   names are this project's translations, not an official text.
 * - Left out: 10 Indtægtsført bevilling (an ØAV account of the accounts, never in the Finance Act
 *   tables); 50 Immaterielle anlægsaktiver and the balance accounts 60, 61, 63, 74, 77, 93-97, 99,
 *   which the database shows but whose side no source states; and every code absent from the
 *   database for FL2020–FL2023 (such as 14, 23, 24, 27, 47, 48, 53; 14 and 53 occur only in FL2003,
 *   under the chart of accounts used before 2011).
 * - § 17: every hovedkonto the database lists under § 17 in any of FL2020–FL2023 (listed means a
 *   row with R, B, F or BO figures, so a closed hovedkonto lingers two years in the R and B
 *   columns), with its name in the latest of those years and the first and last year it is listed;
 *   hovedområder and aktivitetsområder as named there. The database copy may miss rows, so a gap
 *   in the years is not proof that a hovedkonto was closed. Underkonti are not listed (see
 *   accounts.ts for the rule).
 * - The project's own accounts, 17411110 and 17460110, are not in FL2020–FL2023; both are real
 *   earlier accounts (see PROJECT_ACCOUNTS) and their hovedkonti are kept here so that they pass.
 */

/** Udgift: budgeted as expenditure. Indtægt: budgeted as revenue (negative in the Finance Act). */
export type StandardkontoKind = 'udgift' | 'indtægt';

export interface StandardkontoEntry {
  da: string;
  en: string;
  kind: StandardkontoKind;
}

/** The standard accounts, by two-digit code. Names: FL (the database) unless marked ØAV. */
export const STANDARDKONTI: Readonly<Record<string, StandardkontoEntry>> = {
  // Driftsposter (10-29)
  '11': { da: 'Salg af varer', en: 'Sales of goods', kind: 'indtægt' }, // T K
  '12': { da: 'Internt statsligt salg af varer og tjenester', en: 'Internal state sales of goods and services', kind: 'indtægt' }, // ØAV name; K S
  '13': { da: 'Kontrolafgifter og gebyrer', en: 'Inspection levies and fees', kind: 'indtægt' }, // T S
  '15': { da: 'Vareforbrug af lagre', en: 'Consumption of goods from stock', kind: 'udgift' }, // K S
  '16': { da: 'Husleje, leje af arealer samt leje og leasing i øvrigt', en: 'Rent, land rent and other rental and leasing', kind: 'udgift' }, // ØAV name; T S
  '17': { da: 'Internt statsligt køb af varer og tjenester', en: 'Internal state purchases of goods and services', kind: 'udgift' }, // S; the counterpart of 12 (ØAV page of 12)
  '18': { da: 'Lønninger / personaleomkostninger', en: 'Salaries and staff costs', kind: 'udgift' }, // K S
  '19': { da: 'Fradrag for anlægsløn', en: 'Deduction for salaries capitalised in assets', kind: 'udgift' }, // K: a deduction from the costs, so its amounts are negative
  '20': { da: 'Af- og nedskrivninger', en: 'Depreciation and write-downs', kind: 'udgift' }, // K S
  '21': { da: 'Andre driftsindtægter', en: 'Other operating income', kind: 'indtægt' }, // T S
  '22': { da: 'Andre ordinære driftsomkostninger', en: 'Other operating costs', kind: 'udgift' }, // T K S
  '25': { da: 'Finansielle indtægter', en: 'Financial income', kind: 'indtægt' }, // T K S
  '26': { da: 'Finansielle omkostninger', en: 'Financial costs', kind: 'udgift' }, // T S
  '28': { da: 'Ekstraordinære indtægter', en: 'Extraordinary income', kind: 'indtægt' }, // K S
  '29': { da: 'Ekstraordinære omkostninger', en: 'Extraordinary costs', kind: 'udgift' }, // K S
  // Overførselsindtægter (30-34; 35 is budgeted only)
  '30': { da: 'Skatter og afgifter', en: 'Taxes and duties', kind: 'indtægt' }, // T S
  '31': { da: 'Overførselsindtægter fra EU', en: 'Transfer income from the EU', kind: 'indtægt' }, // T K S
  '32': { da: 'Overførselsindtægter fra kommuner og regioner', en: 'Transfer income from municipalities and regions', kind: 'indtægt' }, // ØAV name; T S
  '33': { da: 'Interne statslige overførselsindtægter', en: 'Internal state transfer income', kind: 'indtægt' }, // T S
  '34': { da: 'Øvrige overførselsindtægter', en: 'Other transfer income', kind: 'indtægt' }, // T K S
  '35': { da: 'Forbrug af videreførsel', en: 'Use of amounts carried forward', kind: 'indtægt' }, // T K (ØAV: "Forventet forbrug af videreført opsparing")
  // Overførselsudgifter (40-49)
  '40': { da: 'Statslig momsrefusionsudgift', en: 'State VAT refund expenditure', kind: 'udgift' }, // S and the name; no ØAV page found
  '41': { da: 'Overførselsudgifter til EU og øvrige udland', en: 'Transfers to the EU and other countries', kind: 'udgift' }, // T K S
  '42': { da: 'Overførselsudgifter til kommuner og regioner', en: 'Transfers to municipalities and regions', kind: 'udgift' }, // T S
  '43': { da: 'Interne statslige overførselsudgifter', en: 'Internal state transfer expenditure', kind: 'udgift' }, // T S
  '44': { da: 'Tilskud til personer', en: 'Grants to persons', kind: 'udgift' }, // T S
  '45': { da: 'Tilskud til erhverv', en: 'Grants to businesses', kind: 'udgift' }, // T S
  '46': { da: 'Tilskud til anden virksomhed og investeringstilskud', en: 'Grants to other bodies and investment grants', kind: 'udgift' }, // ØAV name; T K S
  '49': { da: 'Reserver og budgetregulering', en: 'Reserves and budget adjustment', kind: 'udgift' }, // T (ØAV: reserves count positive, budget adjustments negative)
  // Aktiver (50-69): capital items
  '51': { da: 'Anlægsaktiver (anskaffelser)', en: 'Fixed assets (acquisitions)', kind: 'udgift' }, // T S
  '52': { da: 'Afhændelse af anlægsakt. udenfor omk.reform', en: 'Disposal of fixed assets outside the accrual reform', kind: 'indtægt' }, // T S
  '54': { da: 'Statslige udlån, tilgang', en: 'State lending, new loans', kind: 'udgift' }, // T K S
  '55': { da: 'Statslige udlån, afgang', en: 'State lending, repayments', kind: 'indtægt' }, // T K S
  '56': { da: 'Emissionskurstab, tilgang', en: 'Issue discounts, additions', kind: 'udgift' }, // T
  '57': { da: 'Emissionskurstab, afgang', en: 'Issue discounts, disposals', kind: 'indtægt' }, // T
  '58': { da: 'Værdipapirer, tilgang', en: 'Securities, purchases', kind: 'udgift' }, // T S
  '59': { da: 'Værdipapirer, afgang', en: 'Securities, sales', kind: 'indtægt' }, // T S
  // Passiver (70-99): financing items
  '80': { da: 'Statsgæld indland, tilgang', en: 'Domestic government debt, borrowing', kind: 'indtægt' }, // T S
  '81': { da: 'Statsgæld indland, afgang', en: 'Domestic government debt, repayment', kind: 'udgift' }, // T S
  '82': { da: 'Statsgæld udland, tilgang', en: 'Foreign government debt, borrowing', kind: 'indtægt' }, // T S
  '83': { da: 'Statsgæld udland, afgang', en: 'Foreign government debt, repayment', kind: 'udgift' }, // T S
  '84': { da: 'Prioritetsgæld og anden langfr. gæld, tilgang', en: 'Mortgage and other long-term debt, borrowing', kind: 'indtægt' }, // T S
  '85': { da: 'Prioritetsgæld og anden langfr. gæld, afgang', en: 'Mortgage and other long-term debt, repayment', kind: 'udgift' }, // T S
  '87': { da: 'Donationer', en: 'Donations', kind: 'indtægt' }, // T S
};

/** Paragraffer of the Finance Act covered here, by two-digit code. */
export const PARAGRAFFER: Readonly<Record<string, string>> = {
  '17': 'Beskæftigelsesministeriet',
};

/** Hovedområder, by paragraf and hovedområde (3 digits: "174" is § 17.4). */
export const HOVEDOMRAADER: Readonly<Record<string, string>> = {
  '171': 'Fællesudgifter',
  '172': 'Arbejdsmiljø',
  '173': 'Arbejdsmarkedsrelateret forsørgelse',
  '174': 'Arbejdsmarkedsservice',
  '175': 'Fastholdelse',
  '176': 'Soc.Pens., Boligstøtte og Børnetilskud mv.',
};

/** Aktivitetsområder, by paragraf, hovedområde and aktivitetsområde (4 digits: "1746" is § 17.46). */
export const AKTIVITETSOMRAADER: Readonly<Record<string, string>> = {
  '1711': 'Centralstyrelsen',
  '1719': 'Øvrige fællesudgifter',
  '1721': 'Arbejdsmiljø',
  '1722': 'Arbejdsmarkedets parters arbejdsmiljøindsats',
  '1723': 'Arbejdsskader og erstatninger',
  '1731': 'Fællesudgifter',
  '1732': 'Arbejdsløshedsdagpenge',
  '1735': 'Kontanthjælp, revalidering mv.',
  '1737': 'Dagpenge ved barsel',
  '1738': 'Dagpenge ved sygdom',
  '1741': 'Fællesudgifter',
  '1746': 'Aktiv beskæftigelsesindsats',
  '1747': 'Løntilskud',
  '1749': 'Øvrige beskæftigelsesfremmeordninger',
  '1751': 'Fællesudgifter',
  '1754': 'Støtte til særlige grupper mv.',
  '1755': 'Efterløn',
  '1756': 'Fleksjob',
  '1759': 'Særlige forebyggende indsatser',
  '1761': 'Børnetilskud',
  '1762': 'Individuel boligstøtte',
  '1763': 'Særlige individuelle ydelser',
  '1764': 'Sociale Pensioner',
};

export interface HovedkontoEntry {
  da: string;
  /** The first and the last Finance Act (finansår) in which the database lists the hovedkonto. */
  finanslov: readonly [number, number];
}

/**
 * Hovedkonti, by their first six digits ("174101" is § 17.41.01): those listed in FL2020–FL2023,
 * and the two earlier ones this project's accounts use (17.41.11 and 17.46.01).
 */
export const HOVEDKONTI: Readonly<Record<string, HovedkontoEntry>> = {
  '171101': { da: 'Departementet', finanslov: [2020, 2023] },
  '171102': { da: 'ILO', finanslov: [2020, 2023] },
  '171103': { da: 'Beskæftigelsespol. forsøgs- og udredn.virks.', finanslov: [2020, 2023] },
  '171108': { da: 'Feriepengeinfo', finanslov: [2020, 2022] },
  '171109': { da: 'Udlån af tjenestemænd mv.', finanslov: [2020, 2023] },
  '171110': { da: 'Administration af satspuljer', finanslov: [2020, 2023] },
  '171114': { da: 'Fremme af kønsligestilling ml. kvinder & mænd', finanslov: [2022, 2022] },
  '171179': { da: 'Reserver og budgetregulering', finanslov: [2020, 2023] },
  '171911': { da: 'Arbejdsretten', finanslov: [2020, 2023] },
  '171921': { da: 'Forligsinstitutionen', finanslov: [2020, 2023] },
  '171932': { da: 'Tilskud til Lønmodtagernes Garantifond', finanslov: [2020, 2023] },
  '171933': { da: 'Adm. ved udbetaling af tilgodeha. feriemidler', finanslov: [2020, 2023] },
  '171934': { da: 'Etablering af Seniorpensionsenhed', finanslov: [2020, 2023] },
  '171975': { da: 'Det kommunale lov- og cirkulæreprogram', finanslov: [2020, 2020] },
  '171977': { da: 'Budgetreguleringer delloft indkomstoverførsle', finanslov: [2020, 2023] },
  '171978': { da: 'Reserver vedrørende indkomstoverførsler', finanslov: [2020, 2023] },
  '171979': { da: 'Reserver og budgetregulering', finanslov: [2020, 2023] },
  '172101': { da: 'Arbejdstilsynet', finanslov: [2020, 2023] },
  '172102': { da: 'Nationale Forskningscenter for Arbejdsmiljø', finanslov: [2020, 2023] },
  '172103': { da: 'Styrket indsats i Videncenter', finanslov: [2020, 2020] },
  '172104': { da: 'Gebyrer', finanslov: [2020, 2023] },
  '172105': { da: 'Forskning og forsøg på arbejdsmiljøområdet', finanslov: [2020, 2023] },
  '172106': { da: 'Arbejdsmarkedets Erhvervssikring', finanslov: [2020, 2023] },
  '172108': { da: 'Arbejdsmiljøforskningsfond', finanslov: [2020, 2023] },
  '172109': { da: 'Forebygge nedslidning og ulykker', finanslov: [2021, 2023] },
  '172113': { da: 'Tilskud vedrørende arbejdsmiljø', finanslov: [2020, 2023] },
  '172114': { da: 'Økonomisk støtte til arbejdsmiljørådgivning', finanslov: [2020, 2020] },
  '172122': { da: 'Arbejdsmiljøindsats', finanslov: [2020, 2023] },
  '172131': { da: 'Arbejdsmiljø i Grønland', finanslov: [2020, 2023] },
  '172201': { da: 'Partsindsatsen, jf. § 68 i arbejdsmiljøloven', finanslov: [2020, 2023] },
  '172212': { da: 'Sekretariat for Arbejdsmiljørådet', finanslov: [2020, 2023] },
  '172213': { da: 'Udvikling og forsøg, AMR', finanslov: [2020, 2023] },
  '172214': { da: 'Videncenter', finanslov: [2020, 2023] },
  '172220': { da: 'Branchefællesskaber for arbejdsmiljø', finanslov: [2020, 2023] },
  '172311': { da: 'Erstatning', finanslov: [2020, 2023] },
  '172312': { da: 'Forskellige erstatninger mv.', finanslov: [2020, 2023] },
  '172313': { da: 'Skadelidte værnepligtige m.fl.', finanslov: [2020, 2023] },
  '172314': { da: 'Refusion af erstatninger', finanslov: [2020, 2022] },
  '172315': { da: 'Administrative bøder ved mangl. forsikring', finanslov: [2020, 2023] },
  '172322': { da: 'Tilskadekomne', finanslov: [2020, 2023] },
  '172331': { da: 'Besættelsestidens ofre', finanslov: [2020, 2023] },
  '172332': { da: 'Hædersgaver', finanslov: [2020, 2023] },
  '173103': { da: 'Gebyr dagpengegodtgørelse arbejdsgivere', finanslov: [2020, 2023] },
  '173108': { da: 'Styrket kontrol med soc.ydelser udlandsormåde', finanslov: [2020, 2023] },
  '173109': { da: 'Administration af forsikringsordninger', finanslov: [2020, 2023] },
  '173119': { da: 'Engangstilskud til ydelsesmodtagere', finanslov: [2020, 2023] },
  '173120': { da: 'OP uden for loft', finanslov: [2020, 2023] },
  '173121': { da: 'OP inden for loft', finanslov: [2020, 2023] },
  '173124': { da: 'ATP-bidrag for modtagere af dagpenge', finanslov: [2020, 2023] },
  '173128': { da: 'ATP-bidrag for modtagere af kontanthjælp', finanslov: [2020, 2023] },
  '173129': { da: 'ATP-bidrag for modtagere af sygedagpenge', finanslov: [2020, 2023] },
  '173132': { da: 'ATP-bidrag for modtagere af barselsdagpenge', finanslov: [2020, 2023] },
  '173134': { da: 'ATP-bidrag', finanslov: [2020, 2023] },
  '173135': { da: 'ATP-bidrag modtagere ressourceforløbsydelse', finanslov: [2020, 2023] },
  '173137': { da: 'ATP-bidrag for modt. af revaliderings- og led', finanslov: [2020, 2023] },
  '173138': { da: 'ATP-bidrag for modtagere af delpension', finanslov: [2020, 2023] },
  '173139': { da: 'ATP-bidrag for personer i fleksjob', finanslov: [2020, 2023] },
  '173141': { da: 'Berigtigelser vedr. refusion af komm. udgift.', finanslov: [2020, 2023] },
  '173151': { da: 'Medlemsbidrag fra arbejdsløshedskasser', finanslov: [2020, 2023] },
  '173155': { da: 'Forsikringsordninger vedrørende sygedagpenge', finanslov: [2020, 2023] },
  '173201': { da: 'Dagpenge ved arbejdsløshed', finanslov: [2020, 2023] },
  '173202': { da: 'Feriedagpenge', finanslov: [2020, 2023] },
  '173203': { da: 'Lån til uddannelsesløft', finanslov: [2020, 2023] },
  '173204': { da: 'Forrentning af lån til uddannelsesløft', finanslov: [2020, 2023] },
  '173205': { da: 'Tab på lån til uddannelsesløft', finanslov: [2020, 2023] },
  '173502': { da: 'Tilbagebetalinger', finanslov: [2020, 2023] },
  '173511': { da: 'Kontant- og uddannelseshjælp', finanslov: [2020, 2023] },
  '173520': { da: 'Særlig støtte til kontanthjælpsmodtagere', finanslov: [2020, 2023] },
  '173521': { da: 'Særlig støtte til modtagere af kontanthjælp', finanslov: [2020, 2022] },
  '173522': { da: 'Ressourceforløbsydelse', finanslov: [2020, 2023] },
  '173523': { da: 'Revalideringsydelse mv.', finanslov: [2020, 2023] },
  '173524': { da: 'Forrevalidering på kontant- og udd.hjælp', finanslov: [2020, 2023] },
  '173525': { da: 'Ledighedsydelse', finanslov: [2020, 2023] },
  '173701': { da: 'Dagpenge ved barsel', finanslov: [2020, 2023] },
  '173711': { da: 'Orlov til pasning af syge børn', finanslov: [2020, 2023] },
  '173811': { da: 'Dagpenge ved sygdom', finanslov: [2020, 2023] },
  '174101': { da: 'Styrelsen for Arbejdsmarked og Rekruttering', finanslov: [2020, 2023] },
  '174110': { da: 'Udbetaling Danmark', finanslov: [2020, 2023] },
  '174111': { da: 'Det statslige beskæftigelsessystem', finanslov: [2010, 2016] },
  '174112': { da: 'Beskæftigelsesrettede aktiviteter', finanslov: [2020, 2023] },
  '174113': { da: 'Kompensationsordninger som følge af COVID-19', finanslov: [2020, 2022] },
  '174131': { da: 'Validering af atypisk sygefravær', finanslov: [2020, 2023] },
  '174132': { da: 'Oplysninger fra Indkomstregister', finanslov: [2020, 2023] },
  '174141': { da: 'Renter', finanslov: [2020, 2023] },
  '174601': { da: 'Refusion af driftsudgifter ved aktivering', finanslov: [2010, 2012] },
  '174603': { da: 'Refusion af driftsudgifter', finanslov: [2020, 2023] },
  '174604': { da: 'Refusion af driftsudgifter', finanslov: [2020, 2023] },
  '174607': { da: 'Refusion af driftsudgifter', finanslov: [2020, 2023] },
  '174608': { da: 'Uddannelsesløft ret til erhvervsuddannelse', finanslov: [2020, 2023] },
  '174614': { da: 'Indsats ved større afskedigelser', finanslov: [2020, 2023] },
  '174618': { da: 'Refusion af hjælpemidler mv.', finanslov: [2020, 2023] },
  '174621': { da: 'Refusion', finanslov: [2020, 2023] },
  '174630': { da: 'Styrket indsats, ledige ordblinde mfl.', finanslov: [2020, 2023] },
  '174632': { da: 'Befordringsgodtgørelse', finanslov: [2020, 2023] },
  '174641': { da: 'Uddannelsesløft', finanslov: [2020, 2023] },
  '174642': { da: 'Kompudvikling og effekteva af besindsats', finanslov: [2020, 2023] },
  '174643': { da: 'Styrket indsats for ledige', finanslov: [2020, 2023] },
  '174644': { da: 'Opkvalificering inden for mangelområder', finanslov: [2020, 2023] },
  '174645': { da: 'Opkvalificeringsinitiativer', finanslov: [2020, 2023] },
  '174646': { da: 'Styrket opkvalificering af ledige', finanslov: [2021, 2023] },
  '174647': { da: 'Afhjælpning af mangel på arbejdskraft', finanslov: [2022, 2023] },
  '174653': { da: 'Løntilskud ved uddannelsesaftaler', finanslov: [2020, 2023] },
  '174663': { da: 'Jobpræmie', finanslov: [2020, 2023] },
  '174664': { da: 'Kontanthjælpsmodtagere', finanslov: [2020, 2023] },
  '174665': { da: 'Flere borgere i job eller uddannelse', finanslov: [2020, 2023] },
  '174666': { da: 'Udvikling af indsatsen for sygemeldte', finanslov: [2020, 2023] },
  '174667': { da: 'Flere i uddannelse og job', finanslov: [2020, 2022] },
  '174670': { da: 'Tværgående aktiviteter, stat, kommuner', finanslov: [2020, 2023] },
  '174673': { da: 'Tværgående it-understøtning', finanslov: [2020, 2023] },
  '174674': { da: 'Jobrotation', finanslov: [2020, 2023] },
  '174675': { da: 'jobrotation', finanslov: [2020, 2023] },
  '174676': { da: 'Jobrotation til erhvervsuddannelser', finanslov: [2021, 2023] },
  '174678': { da: 'Implementering af rehabiliteringsteam', finanslov: [2020, 2023] },
  '174701': { da: 'Løntilskud ved ansættelse af forsk. ledig', finanslov: [2020, 2023] },
  '174702': { da: 'Løntilskud til kontant- og udd.hjælpmodtagere', finanslov: [2020, 2023] },
  '174711': { da: 'Løntilskud ved ansættelse af revalidender mfl', finanslov: [2020, 2023] },
  '174919': { da: 'Bekæmpelse af ungeledighed', finanslov: [2020, 2020] },
  '174920': { da: 'Særlige indsatser for udsatte grupper', finanslov: [2020, 2023] },
  '174924': { da: 'Jobcentre i ghettoer', finanslov: [2020, 2022] },
  '174925': { da: 'Motion og fællesskab på recept', finanslov: [2020, 2023] },
  '174926': { da: 'Kompetenceløft til iværksættere', finanslov: [2020, 2023] },
  '174927': { da: 'Graduate-programmer til nyuddannede', finanslov: [2021, 2023] },
  '175103': { da: 'Fonden for Forebyggelse og Fastholdelse', finanslov: [2020, 2020] },
  '175104': { da: 'Sporskifte', finanslov: [2020, 2023] },
  '175105': { da: 'Nedbringelse af sygefravær i ældreplejen', finanslov: [2020, 2023] },
  '175111': { da: 'Cabi', finanslov: [2020, 2023] },
  '175113': { da: 'Forebyggende tværgående aktiviteter', finanslov: [2020, 2023] },
  '175406': { da: 'Skånejob', finanslov: [2020, 2023] },
  '175411': { da: 'Personlig assistance til personer med handica', finanslov: [2020, 2023] },
  '175421': { da: 'Seniorjob', finanslov: [2020, 2023] },
  '175422': { da: 'Afløb på servicejob', finanslov: [2020, 2023] },
  '175430': { da: 'Hjælp til pers uden ret til fuld førtidspen', finanslov: [2020, 2023] },
  '175431': { da: 'Hjælp til personer uden ret til social pensio', finanslov: [2020, 2023] },
  '175432': { da: 'Forsørgelse af danske statsborgere i udlandet', finanslov: [2020, 2023] },
  '175435': { da: 'Delpension', finanslov: [2020, 2023] },
  '175441': { da: 'Ikke hævet feriegodtgørelse', finanslov: [2020, 2023] },
  '175443': { da: 'Inddrivelse af gæld via Udbetaling Danmark', finanslov: [2020, 2021] },
  '175501': { da: 'Efterløn', finanslov: [2020, 2023] },
  '175601': { da: 'Fleksjob med fast refusion', finanslov: [2020, 2023] },
  '175602': { da: 'Ledighedsydelse', finanslov: [2020, 2023] },
  '175604': { da: 'Fleksjob med variabel refusion', finanslov: [2020, 2023] },
  '175605': { da: 'Fleksbidrag til kommunen', finanslov: [2020, 2023] },
  '175611': { da: 'Fleksydelse', finanslov: [2020, 2023] },
  '175911': { da: 'Arbejdsmarkedstiltag for personer m. handicap', finanslov: [2020, 2023] },
  '175912': { da: 'Socialøkonomiske virksomheder i besk.indsatse', finanslov: [2020, 2020] },
  '175914': { da: 'Styrket indsats for personer med et handicap', finanslov: [2020, 2022] },
  '175919': { da: 'Nedbringelse af sygefravær', finanslov: [2020, 2023] },
  '175921': { da: 'Forebyggende indsatser for udsatte/handicappe', finanslov: [2020, 2023] },
  '175922': { da: 'Udbredelse af virksomheders sociale ansvar', finanslov: [2020, 2023] },
  '175923': { da: 'Indsatser for personer med handicap', finanslov: [2020, 2023] },
  '175924': { da: 'Personer med handicap i job', finanslov: [2020, 2023] },
  '175925': { da: 'Beskæftigelseskonsulenter i Veterancentret', finanslov: [2020, 2023] },
  '175926': { da: 'Kommunernes udgifter til varmehjælp', finanslov: [2023, 2023] },
  '175931': { da: 'Seniorer på arbejdsmarkedet', finanslov: [2020, 2023] },
  '176101': { da: 'Ordinært børnetilskud', finanslov: [2020, 2023] },
  '176102': { da: 'Ekstra børnetilskud', finanslov: [2020, 2023] },
  '176103': { da: 'Særligt børnetilskud', finanslov: [2020, 2023] },
  '176104': { da: 'Tilskud til særlige grupper af børn', finanslov: [2020, 2023] },
  '176105': { da: 'Forskudsvis udbetaling af børnebidrag mv.', finanslov: [2020, 2023] },
  '176106': { da: 'Forsørgelse efter lov om aktiv socialpolitik', finanslov: [2020, 2023] },
  '176108': { da: 'Det midlertidige børnetilskud', finanslov: [2020, 2023] },
  '176201': { da: 'Boligydelser til pensionister', finanslov: [2020, 2023] },
  '176202': { da: 'Boligsikring', finanslov: [2020, 2023] },
  '176203': { da: 'Støtte til betaling af beboerindskud', finanslov: [2020, 2023] },
  '176204': { da: 'Tab på flytteudgifter for flygtninge', finanslov: [2020, 2023] },
  '176205': { da: 'Afdrag, afskrivninger mv. vedr. boligydelser', finanslov: [2020, 2023] },
  '176206': { da: 'Renteindtægter af boligydelseslån', finanslov: [2020, 2023] },
  '176301': { da: 'Sygebehandling, medicin mv.', finanslov: [2020, 2023] },
  '176302': { da: 'Flytning og hjælp i enkelttilfælde', finanslov: [2020, 2023] },
  '176303': { da: 'Efterlevelseshjælp', finanslov: [2020, 2023] },
  '176304': { da: 'Dækning af rejser til, fra og i Grønland', finanslov: [2020, 2023] },
  '176401': { da: 'Folkepension', finanslov: [2020, 2023] },
  '176402': { da: 'Personlige tillæg til pensionister', finanslov: [2020, 2023] },
  '176403': { da: 'Varmetillæg', finanslov: [2020, 2023] },
  '176404': { da: 'Overførsel fra Den Sociale Pensionsfond', finanslov: [2020, 2023] },
  '176405': { da: 'Førtidspension', finanslov: [2020, 2023] },
  '176406': { da: 'Højeste, mellemste og alm. førtidspension', finanslov: [2020, 2023] },
  '176407': { da: 'ATP-bidrag for førtidspensionister', finanslov: [2020, 2023] },
  '176408': { da: 'Suppl. arb.mark.pension for førtidspensionist', finanslov: [2020, 2023] },
  '176410': { da: 'Førtidspension med variabel medfinansiering', finanslov: [2020, 2023] },
  '176411': { da: 'Mediecheck', finanslov: [2020, 2023] },
  '176412': { da: 'Seniorpræmie', finanslov: [2020, 2023] },
  '176413': { da: 'Seniorpension', finanslov: [2020, 2023] },
  '176414': { da: 'ATP-bidrag for seniorpensionister', finanslov: [2020, 2023] },
  '176415': { da: 'SUP for seniorpensionister', finanslov: [2020, 2023] },
  '176416': { da: 'Tidlig pension', finanslov: [2021, 2023] },
  '176417': { da: 'ATP-bidrag for modtagere af tidlig pension', finanslov: [2022, 2023] },
};

/**
 * The Finance Act accounts this project's code, demo and tests use, as the database names them.
 * Neither is in FL2020–FL2023: 17.41.11 was last appropriated in FL2014 and last listed in FL2016,
 * 17.46.01 was appropriated in FL2010 only and last listed in FL2012.
 */
export const PROJECT_ACCOUNTS: readonly { account: string; hovedkonto: string; underkonto: string; finanslov: readonly [number, number] }[] = [
  { account: '17411110', hovedkonto: 'Det statslige beskæftigelsessystem', underkonto: 'Beskæftigelsesregioner', finanslov: [2010, 2016] },
  { account: '17460110', hovedkonto: 'Refusion af driftsudgifter ved aktivering', underkonto: 'Driftsudgifter ved aktivering', finanslov: [2010, 2012] },
];
