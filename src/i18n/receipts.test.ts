import { describe, expect, it } from 'vitest';
import type { ConsentReceipt } from '../domain/journey/journey.js';
import { COLLECTION_METHOD_LABELS, RECEIPT_FIELDS, receiptLines, receiptShown } from './receipts.js';

const receipt: ConsentReceipt = {
  receiptId: '019a2051-8c4d-790b-8632-d1896e03c124',
  version: 'KI-CR-v1.1.0',
  timestamp: '2027-01-05T09:00:00.000Z',
  jurisdiction: 'DK',
  collectionMethod: 'self_service',
  controller: { name: 'Virkelyst', centreId: 'c-1' },
  purpose: 'Taking part in the offer coaching, which you may leave at any time',
  dataCategories: ['participation in the offer', 'what you choose to share in conversations about it'],
  howToWithdraw: 'At any time on Mine sider …',
};
const value = (lines: ReturnType<typeof receiptLines>, field: string) => lines.find((l) => l.field === field)?.value;

describe('a consent receipt as the citizen reads it', () => {
  it('is read from its fields in Danish: Copenhagen time, the centre’s name, the offer’s words, how it was given, how to withdraw', () => {
    const lines = receiptLines('da', receipt, { centreName: 'Virkelyst Valby', offerKind: 'coaching' });
    expect(lines.map((l) => l.field)).toEqual([...RECEIPT_FIELDS]);
    expect(value(lines, 'receiptId')).toBe(receipt.receiptId);
    expect(value(lines, 'timestamp')).toBe('tirsdag 5. januar kl. 10.00');
    expect(value(lines, 'controller')).toBe('Virkelyst Valby');
    expect(value(lines, 'purpose')).toBe('At du kan deltage i tilbuddet coaching. Du kan stoppe, når du vil.');
    expect(value(lines, 'dataCategories')).toBe('At du deltager i tilbuddet; det, du selv vælger at fortælle i samtaler om det');
    expect(value(lines, 'collectionMethod')).toBe('Du sagde selv ja tak på Mine sider.');
    expect(value(lines, 'howToWithdraw')).toBe('Når som helst: på Mine sider under »Dine samtykker«, eller ved at sige det til en medarbejder på Virkelyst Valby. Det gælder med det samme, og intet følger af det.');
    expect(lines.map((l) => l.label)).toContain('Sådan trækker du det tilbage');
  });

  it('reads in English too, never the stored English sentences, an ISO string, a code or an app', () => {
    const lines = receiptLines('en', { ...receipt, collectionMethod: 'verbal_in_session' }, { centreName: 'Virkelyst Valby', offerKind: 'job_search_and_placement' });
    expect(value(lines, 'timestamp')).toBe('Tuesday 5 January at 10:00');
    expect(value(lines, 'purpose')).toBe('That you can take part in the offer job search and placement. You can stop whenever you like.');
    expect(value(lines, 'collectionMethod')).toBe(COLLECTION_METHOD_LABELS.verbal_in_session.en);
    const all = lines.map((l) => `${l.label} ${l.value}`).join('\n');
    expect(all).not.toMatch(/\d{4}-\d{2}-\d{2}T|verbal_in_session|job_search|\bapp\b/);
    expect(all).not.toContain(receipt.purpose);
  });

  it('names a partner’s offer as a partner’s, a centre no longer known by the receipt’s controller, and an unknown category as written', () => {
    const lines = receiptLines('da', { ...receipt, dataCategories: ['something else'] }, { centreName: null, offerKind: 'partner:abc' });
    expect(value(lines, 'purpose')).toBe('At du kan deltage i tilbuddet fra en samarbejdspartner. Du kan stoppe, når du vil.');
    expect(value(lines, 'controller')).toBe('Virkelyst');
    expect(value(lines, 'howToWithdraw')).toContain('en medarbejder på centret.');
    expect(value(lines, 'dataCategories')).toBe('Something else');
  });

  it('is given to the download as label and value by field', () => {
    expect(receiptShown('en', receipt, { centreName: 'Virkelyst Valby', offerKind: 'coaching' }).controller).toEqual({ label: 'Controller', value: 'Virkelyst Valby' });
  });
});
