/**
 * The reference a citizen can give a counsellor so they find the citizen's journey at their centre
 * without the citizen telling them anything else: the journey id's first 32 bits as eight hex
 * digits in two groups ("7F3A-09C2"). It names the journey, not the person: a new journey has a
 * new reference, and it means nothing outside the centre the journey is with.
 */
export function journeyReference(journeyId: string): string {
  const hex = journeyId.replace(/-/g, '').slice(0, 8).toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4, 8)}`;
}

/**
 * What a counsellor typed, as the journey id's first eight hex digits (lower case), or null when
 * it is not a reference (spaces, dashes and case do not matter).
 */
export function referencePrefix(typed: string): string | null {
  const hex = typed.replace(/[\s-]/g, '').toLowerCase();
  return /^[0-9a-f]{8}$/.test(hex) ? hex : null;
}
