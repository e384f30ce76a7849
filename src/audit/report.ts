import type { Report } from './verify.js';

const DA: Record<number, string> = {
  1: 'deltagelse begynder kun med givet samtykke, der ikke er trukket tilbage',
  2: 'samtykke gives, afslås eller trækkes tilbage af borgeren – eller noteres af en medarbejder i en afholdt samtale',
  3: 'et afslået tilbud gives ikke igen inden for 30 dage, medmindre borgeren selv beder om det',
  4: 'tilbagetrukket samtykke afslutter deltagelsen i samme tilføjelse',
  5: 'enhver samtale er booket eller bekræftet af borgeren',
  6: 'enhver deling af data med en medspiller er dækket af borgerens samtykke',
  7: 'alle hændelsestyper står i det erklærede katalog, og ingen af dem er tvang',
  8: 'loggen er den, der blev forseglet: Merkle-træet beregnet fra hændelserne svarer til alle signerede, betroede og bevidnede træhoveder, og alle hændelser, der er gamle nok, er forseglet og signeret',
  9: 'en samtale noteres kun som afholdt efter sit bookede starttidspunkt, af den medarbejder, den var booket med',
  10: 'valg af talsperson er hemmelige: én stemme pr. medarbejder, ingen stemme i klar tekst, og optællingen svarer til stemmesedlerne',
};

/**
 * A report for people, in Danish (default) or English. Positions, event ids and pseudonyms only:
 * no personal data, no citizen's id. A check that examined nothing says so, never "OK".
 */
export function formatReport(report: Report, lang: 'da' | 'en' = 'da'): string {
  const da = lang === 'da';
  const lines: string[] = [];
  lines.push(da ? `Revision af loggen: ${report.events} hændelser` : `Audit of the log: ${report.events} events`);
  const { sealed, signed } = report.coverage;
  lines.push(
    da
      ? `Forseglet: ${sealed}; dækket af et signeret træhoved: ${signed}. Nøgle-id ${report.keyId} – sammenlign med den offentliggjorte nøgle (GET /audit/public-key).`
      : `Sealed: ${sealed}; covered by a signed tree head: ${signed}. Key id ${report.keyId} — compare it with the published key (GET /audit/public-key).`,
  );
  const { trustedHeads, witnessedHeads } = report.against ?? { trustedHeads: 0, witnessedHeads: 0 };
  lines.push(
    da
      ? `Holdt op mod ${trustedHeads} træhoveder, revisor har gemt, og ${witnessedHeads} i forseglerens vidnefil.`
      : `Checked against ${trustedHeads} tree heads kept by the auditor and ${witnessedHeads} in the sealer's witness file.`,
  );
  for (const c of report.checks) {
    const name = da ? (DA[c.id] ?? c.name) : c.name;
    const status =
      c.violations.length > 0
        ? `${da ? 'undersøgt' : 'examined'} ${c.examined}, ${da ? `${c.violations.length} BRUD` : `${c.violations.length} VIOLATION(S)`}`
        : c.examined === 0
          ? da
            ? 'ikke relevant: 0 undersøgt'
            : 'not applicable: 0 examined'
          : `${da ? 'undersøgt' : 'examined'} ${c.examined}, OK`;
    lines.push(`${c.id}. ${name}: ${status}`);
    for (const violation of c.violations) {
      const where = violation.position !== null ? `position ${violation.position} (${violation.eventId})` : '';
      const who = 'citizen' in violation && typeof violation.citizen === 'string' ? violation.citizen : '';
      const prefix = [where, who].filter(Boolean).join(', ');
      lines.push(`   - ${prefix ? `${prefix}: ` : ''}${violation.reason}`);
    }
  }
  lines.push(
    report.ok
      ? da
        ? 'Resultat: ingen brud. Samtykke var altid frivilligt, og loggen er den, der blev forseglet.'
        : 'Result: no violations. Consent was always voluntary, and the log is the one that was sealed.'
      : da
        ? 'Resultat: BRUD FUNDET.'
        : 'Result: VIOLATIONS FOUND.',
  );
  lines.push(da ? `Katalog: ${report.catalogue.length} hændelsestyper.` : `Catalogue: ${report.catalogue.length} event types.`);
  return lines.join('\n');
}
