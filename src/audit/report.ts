import type { Report } from './verify.js';

const DA: Record<number, string> = {
  1: 'deltagelse begynder kun med givet samtykke, der ikke er trukket tilbage',
  2: 'samtykke gives, afslås eller trækkes tilbage af borgeren – eller noteres af en medarbejder i en afholdt samtale',
  3: 'et afslået tilbud gives ikke igen inden for 30 dage, medmindre borgeren selv beder om det',
  4: 'tilbagetrukket samtykke afslutter deltagelsen i samme tilføjelse',
  5: 'enhver samtale er booket eller bekræftet af borgeren',
  6: 'enhver deling af data med en medspiller er dækket af borgerens samtykke',
  7: 'alle hændelsestyper står i det erklærede katalog, og ingen af dem er tvang',
  8: 'Merkle-træet beregnet fra hændelserne svarer til alle signerede, konsistente træhoveder',
};

/** A report for people, in Danish (default) or English. Positions and ids only: no personal data. */
export function formatReport(report: Report, lang: 'da' | 'en' = 'da'): string {
  const lines: string[] = [];
  lines.push(lang === 'da' ? `Revision af loggen: ${report.events} hændelser` : `Audit of the log: ${report.events} events`);
  const { sealed, signed } = report.coverage;
  lines.push(
    lang === 'da'
      ? `Forseglet: ${sealed}; dækket af et signeret træhoved: ${signed}. Nøgle-id ${report.keyId} – sammenlign med den offentliggjorte nøgle (GET /audit/public-key).`
      : `Sealed: ${sealed}; covered by a signed tree head: ${signed}. Key id ${report.keyId} — compare it with the published key (GET /audit/public-key).`,
  );
  for (const c of report.checks) {
    const name = lang === 'da' ? (DA[c.id] ?? c.name) : c.name;
    const status = c.violations.length === 0 ? 'OK' : lang === 'da' ? `${c.violations.length} BRUD` : `${c.violations.length} VIOLATION(S)`;
    lines.push(`${c.id}. ${name}: ${lang === 'da' ? 'undersøgt' : 'examined'} ${c.examined}, ${status}`);
    for (const violation of c.violations) {
      lines.push(`   - ${violation.position !== null ? `${lang === 'da' ? 'position' : 'position'} ${violation.position} (${violation.eventId}): ` : ''}${violation.reason}`);
    }
  }
  lines.push(
    report.ok
      ? lang === 'da'
        ? 'Resultat: ingen brud. Samtykke var altid frivilligt, og loggen er den, der blev forseglet.'
        : 'Result: no violations. Consent was always voluntary, and the log is the one that was sealed.'
      : lang === 'da'
        ? 'Resultat: BRUD FUNDET.'
        : 'Result: VIOLATIONS FOUND.',
  );
  lines.push(lang === 'da' ? `Katalog: ${report.catalogue.length} hændelsestyper.` : `Catalogue: ${report.catalogue.length} event types.`);
  return lines.join('\n');
}
