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
          'Erklæringen gælder webløsningen Virkelyst: forsiden, centrenes sider, log ind og borgerens egne sider.',
        ],
      },
      {
        heading: 'Overholdelsesstatus',
        paragraphs: [
          'Løsningen er bygget til at overholde WCAG 2.1 niveau AA og på Det Fælles Designsystem, men den er endnu ikke testet fuldt ud. Vi kan derfor ikke sige, at den overholder kravene; den er ikke vurderet til delvist eller fuldt at overholde dem.',
        ],
      },
      {
        heading: 'Ikke-tilgængeligt indhold',
        paragraphs: [
          'Løsningen er ikke testet med skærmlæsere, forstørrelse eller talestyring af brugere, der bruger dem til daglig.',
          'Automatiske test med axe-core og test med tastatur alene er ved at blive bygget og dækker endnu ikke alle sider.',
          'Nogle tekster om det, der er registreret om dig, findes kun på dansk endnu.',
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
          'This statement covers the Virkelyst web service: the front page, the centres’ pages, sign-in and the citizen’s own pages.',
        ],
      },
      {
        heading: 'Compliance status',
        paragraphs: [
          'The service is built to meet WCAG 2.1 level AA, on Det Fælles Designsystem, but it has not been fully tested yet. So we cannot say that it complies; it has not been assessed as partially or fully compliant.',
        ],
      },
      {
        heading: 'Non-accessible content',
        paragraphs: [
          'The service has not been tested with screen readers, magnification or voice control by people who use them every day.',
          'Automated tests with axe-core and keyboard-only tests are being built and do not yet cover every page.',
          'Some texts about what is recorded about you exist only in Danish so far.',
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
