/**
 * The accessibility statement, in the shape the Danish Agency for Digital Government
 * (Digitaliseringsstyrelsen) asks for under the web accessibility act: which site, its compliance
 * status against WCAG 2.1 AA, what is not accessible, how the statement was made, feedback, and
 * how to complain. Honest about what has not been tested: it says so instead of claiming compliance.
 */
import { html, type Html } from '../html.js';
import type { Lang } from '../i18n.js';
import { page, type PageContext } from '../layout.js';

interface Section {
  heading: string;
  paragraphs: readonly string[];
}

const SECTIONS: Record<Lang, { title: string; sections: readonly Section[] }> = {
  da: {
    title: 'Tilgængelighedserklæring',
    sections: [
      {
        heading: 'Indledning',
        paragraphs: [
          'Virkelyst ønsker at gøre denne løsning tilgængelig for alle, i overensstemmelse med lov om tilgængelighed af offentlige organers websteder og mobilapplikationer.',
          'Erklæringen gælder webløsningen Virkelyst: de offentlige sider (forsiden, centrene, budgetter, beslutninger, referater og revisionsnøglen), log ind, borgerens egne sider og siderne for medarbejdere, bestyrelser, revisorer og administratorer.',
        ],
      },
      {
        heading: 'Overholdelsesstatus',
        paragraphs: [
          'Løsningen er bygget til at overholde WCAG 2.1 niveau AA og på Det Fælles Designsystem. Den er ikke vurderet af en uafhængig part, så vi kan ikke sige, at den overholder kravene; den er ikke vurderet til delvist eller fuldt at overholde dem.',
        ],
      },
      {
        heading: 'Ikke-tilgængeligt indhold',
        paragraphs: [
          'Løsningen er ikke testet med skærmlæsere, forstørrelse eller talestyring af brugere, der bruger dem til daglig.',
          'Hver sidetype testes automatisk med axe-core på dansk og engelsk i en rigtig browser, også uden JavaScript. At bestille en samtale er testet med tastatur alene; de øvrige forløb er ikke testet sådan endnu.',
          'Tekster, som en medarbejder har skrevet (fx om et tilbud), vises på det sprog, de er skrevet på, og er ikke markeret med deres sprog. Revisionsrapportens fund står kun på engelsk.',
        ],
      },
      {
        heading: 'Udarbejdelse af erklæringen',
        paragraphs: ['Erklæringen er et udkast, skrevet af dem, der bygger løsningen, mens den bygges. Den er ikke lavet på grundlag af en uafhængig gennemgang.'],
      },
      {
        heading: 'Feedback og kontaktoplysninger',
        paragraphs: ['Oplever du problemer med tilgængeligheden, så fortæl det til det center, du bruger, så vi kan rette det. Du kan også bede om at få indhold i en anden form.'],
      },
      {
        heading: 'Håndhævelsesprocedure',
        paragraphs: ['Du kan klage over manglende tilgængelighed til Digitaliseringsstyrelsen, som fører tilsyn med tilgængeligheden af offentlige websteder.'],
      },
    ],
  },
  en: {
    title: 'Accessibility statement',
    sections: [
      {
        heading: 'Introduction',
        paragraphs: [
          'Virkelyst wants this service to be accessible to everyone, in line with the Danish act on the accessibility of public sector websites and mobile applications.',
          'This statement covers the Virkelyst web service: the public pages (the front page, the centres, budgets, resolutions, minutes and the audit key), sign-in, the citizen’s own pages and the pages for staff, boards, auditors and administrators.',
        ],
      },
      {
        heading: 'Compliance status',
        paragraphs: [
          'The service is built to meet WCAG 2.1 level AA, on Det Fælles Designsystem. It has not been assessed by an independent party, so we cannot say that it complies; it has not been assessed as partially or fully compliant.',
        ],
      },
      {
        heading: 'Non-accessible content',
        paragraphs: [
          'The service has not been tested with screen readers, magnification or voice control by people who use them every day.',
          'Every page type is tested automatically with axe-core in Danish and English in a real browser, also without JavaScript. Booking a conversation is tested with the keyboard alone; the other flows are not tested that way yet.',
          'Texts a member of staff wrote (about an offer, say) are shown in the language they were written in and are not marked with it. The audit report’s findings are in English only.',
        ],
      },
      {
        heading: 'Preparation of this statement',
        paragraphs: ['This statement is a draft, written by the people building the service while they build it. It is not based on an independent review.'],
      },
      {
        heading: 'Feedback and contact information',
        paragraphs: ['If you meet an accessibility problem, tell the centre you use, so that it can be fixed. You can also ask for content in another form.'],
      },
      {
        heading: 'Enforcement procedure',
        paragraphs: ['You can complain about a lack of accessibility to the Danish Agency for Digital Government (Digitaliseringsstyrelsen), which supervises the accessibility of public websites.'],
      },
    ],
  },
};

export function accessibilityPage(context: PageContext): Html {
  const statement = SECTIONS[context.lang];
  return page(context, {
    title: statement.title,
    body: html`${statement.sections.map((s) => html`<h2>${s.heading}</h2>${s.paragraphs.map((p) => html`<p>${p}</p>`)}`)}`,
  });
}

/** For a test: the statement exists in both languages with the same sections. */
export const statementSections = (lang: Lang) => SECTIONS[lang].sections.map((s) => s.heading);
