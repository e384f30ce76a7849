import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifierChecks } from '../audit/jobs.js';
import { CONSENT_TRAIL_TYPES } from '../audit/queries.js';
import { CHECK_STATUS_LABELS, CHECK_TEXTS, checkText, CONSENT_METHOD_LABELS, labelOf, sentence, TRAIL_EVENT_LABELS } from './audit.js';

const { publicKey } = generateKeyPairSync('ed25519');
const PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('the audit’s words', () => {
  it('name every check the verifier makes, in Danish and English', async () => {
    const checks = await verifierChecks(PEM);
    expect(Object.keys(CHECK_TEXTS).map(Number).sort((a, b) => a - b)).toEqual(checks.map((c) => c.id));
    for (const c of checks) {
      const text = CHECK_TEXTS[c.id]!;
      for (const message of [text.name, text.proves]) {
        expect(message.da.length, `check ${c.id}`).toBeGreaterThan(5);
        expect(message.en.length, `check ${c.id}`).toBeGreaterThan(5);
        expect(message.da, `check ${c.id}`).not.toBe(message.en);
      }
    }
  });

  it('say in English what each check proves in the verifier’s own words: a check reworded there is translated anew here', async () => {
    for (const c of await verifierChecks(PEM)) expect(CHECK_TEXTS[c.id]!.proves.en, `check ${c.id}`).toBe(sentence(c.name));
  });

  it('keep a check without words of its own by the verifier’s name, marked as not translated in Danish', () => {
    expect(checkText('da', 99, 'something new is checked')).toEqual({ name: 'Kontrol 99', proves: 'Something new is checked.', translated: false });
    expect(checkText('en', 99, 'something new is checked')).toEqual({ name: 'Check 99', proves: 'Something new is checked.', translated: true });
    expect(checkText('da', 1, 'ignored')).toMatchObject({ name: CHECK_TEXTS[1]!.name.da, translated: true });
  });

  it('label every step of a consent trail, every method and every result, never by the code', () => {
    for (const type of CONSENT_TRAIL_TYPES) {
      expect(labelOf(TRAIL_EVENT_LABELS, 'da', type)).not.toBe(type);
      expect(labelOf(TRAIL_EVENT_LABELS, 'en', type)).not.toBe(type);
    }
    for (const method of Object.keys(CONSENT_METHOD_LABELS)) expect(labelOf(CONSENT_METHOD_LABELS, 'da', method)).not.toContain('_');
    expect(CHECK_STATUS_LABELS.not_applicable.da).not.toContain(CHECK_STATUS_LABELS.ok.da);
    expect(labelOf(TRAIL_EVENT_LABELS, 'da', 'SomethingElse')).toBe('ukendt');
    expect(labelOf(CONSENT_METHOD_LABELS, 'en', 42)).toBe('unknown');
  });
});
