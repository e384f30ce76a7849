import { describe, expect, it } from 'vitest';
import { financeAccountKnown, financeAccountNames, nearestFinanceAccounts, nearestStandardAccounts, standardAccount } from './accounts.js';
import { AKTIVITETSOMRAADER, HOVEDKONTI, HOVEDOMRAADER, PARAGRAFFER, PROJECT_ACCOUNTS, STANDARDKONTI } from './accounts-data.js';

describe('standardAccount', () => {
  it('names the accounts the project budgets on', () => {
    expect(standardAccount('18')).toEqual({ code: '18', da: 'Lønninger / personaleomkostninger', en: 'Salaries and staff costs', kind: 'udgift' });
    expect(standardAccount('22')?.da).toBe('Andre ordinære driftsomkostninger');
    expect(standardAccount('46')?.da).toBe('Tilskud til anden virksomhed og investeringstilskud');
    expect(standardAccount('45')?.da).toBe('Tilskud til erhverv');
  });

  it('tells revenue from expenditure', () => {
    const revenue = ['11', '12', '13', '21', '25', '28', '30', '31', '32', '33', '34', '35', '52', '55'];
    const expenditure = ['15', '16', '17', '18', '19', '20', '22', '26', '29', '41', '42', '43', '44', '45', '46', '49', '51', '54'];
    for (const code of revenue) expect(standardAccount(code)?.kind, code).toBe('indtægt');
    for (const code of expenditure) expect(standardAccount(code)?.kind, code).toBe('udgift');
  });

  it('knows no code outside the Finance Act chart', () => {
    // 27 is what a project test uses as "Andet"; 10 is an account of the accounts, not of the Act.
    const unknown = ['27', '14', '23', '47', '10', '50', '74', '00', '99', '4', '018', '', ' 18', '1a', 'constructor', '__proto__'];
    for (const code of unknown) expect(standardAccount(code), code).toBeNull();
  });

  it('leaves the state’s financing accounts (80–87) out of a centre’s budget, though the chart has them', () => {
    for (const code of ['80', '81', '84', '87']) {
      expect(STANDARDKONTI[code], code).toBeDefined();
      expect(standardAccount(code), code).toBeNull();
    }
    expect(nearestStandardAccounts('85')).toEqual(['59', '58', '57']);
  });

  it('has well-formed entries', () => {
    for (const [code, entry] of Object.entries(STANDARDKONTI)) {
      expect(code).toMatch(/^\d{2}$/);
      expect(entry.da.trim()).not.toBe('');
      expect(entry.en.trim()).not.toBe('');
      expect(['udgift', 'indtægt']).toContain(entry.kind);
    }
  });
});

describe('financeAccountKnown', () => {
  it('knows hovedkonti of § 17 with any underkonto', () => {
    expect(financeAccountKnown('17410110')).toBe(true); // 17.41.01 Styrelsen for Arbejdsmarked og Rekruttering, 10 Almindelig virksomhed
    expect(financeAccountKnown('17410199')).toBe(true);
    expect(financeAccountKnown('17470100')).toBe(true); // 17.47.01 Løntilskud ved ansættelse af forsk. ledig
    expect(financeAccountKnown('17641310')).toBe(true); // 17.64.13 Seniorpension
  });

  it('knows the accounts the project uses', () => {
    for (const { account } of PROJECT_ACCOUNTS) expect(financeAccountKnown(account), account).toBe(true);
    expect(PROJECT_ACCOUNTS.map((a) => a.account)).toEqual(['17411110', '17460110']);
  });

  it('rejects unknown hovedkonti, other paragraffer and malformed accounts', () => {
    for (const account of ['17461210', '17461110', '17480110', '17410210', '18410110', '07410110', '174111', '1741111', '174111100', '1741111O', '', '17.41.11.10']) {
      expect(financeAccountKnown(account), account).toBe(false);
    }
  });
});

describe('financeAccountNames', () => {
  it('names each level of a known account', () => {
    expect(financeAccountNames('17411110')).toEqual({
      account: '17411110',
      paragraf: 'Beskæftigelsesministeriet',
      hovedomraade: 'Arbejdsmarkedsservice',
      aktivitetsomraade: 'Fællesudgifter',
      hovedkonto: 'Det statslige beskæftigelsessystem',
      finanslov: [2010, 2016],
    });
    expect(financeAccountNames('17460110')?.aktivitetsomraade).toBe('Aktiv beskæftigelsesindsats');
    expect(financeAccountNames('17410110')?.hovedkonto).toBe('Styrelsen for Arbejdsmarked og Rekruttering');
  });

  it('names nothing for an unknown account', () => {
    expect(financeAccountNames('17461210')).toBeNull();
  });
});

describe('nearestFinanceAccounts', () => {
  it('prefers the longest shared prefix, then the nearest number, and keeps the underkonto', () => {
    // 17.46.12 is not a hovedkonto: 17.46.14 and 17.46.18 share "17461"; then 17.46.08 is closest of the "1746" ones.
    expect(nearestFinanceAccounts('17461210')).toEqual(['17461410', '17461810', '17460810']);
    // No aktivitetsområde 17.48: 17.47.11, 17.47.02 and 17.47.01 are closer than anything in 17.49.
    expect(nearestFinanceAccounts('17480155')).toEqual(['17471155', '17470255', '17470155']);
  });

  it('puts a known account first, as itself', () => {
    expect(nearestFinanceAccounts('17411110', 1)).toEqual(['17411110']);
    expect(nearestFinanceAccounts('17410120')[0]).toBe('17410120');
  });

  it('returns n suggestions, all known', () => {
    const five = nearestFinanceAccounts('17999999', 5);
    expect(five).toHaveLength(5);
    for (const account of five) expect(financeAccountKnown(account), account).toBe(true);
    expect(nearestFinanceAccounts('17461210', 0)).toEqual([]);
  });

  it('suggests nothing for a malformed account', () => {
    expect(nearestFinanceAccounts('174111')).toEqual([]);
    expect(nearestFinanceAccounts('1741111O')).toEqual([]);
  });
});

describe('nearestStandardAccounts', () => {
  it('prefers the shared first digit over the nearer number', () => {
    // 39: 40 and 41 are numerically closer, but 35, 34 and 33 share the "3".
    expect(nearestStandardAccounts('39')).toEqual(['35', '34', '33']);
    expect(nearestStandardAccounts('47')).toEqual(['46', '45', '49']);
  });

  it('breaks a tie on distance by the lower code', () => {
    expect(nearestStandardAccounts('27')).toEqual(['26', '28', '25']);
    expect(nearestStandardAccounts('14', 2)).toEqual(['13', '15']);
  });

  it('puts a valid code first and honours n', () => {
    expect(nearestStandardAccounts('18')).toEqual(['18', '17', '19']);
    expect(nearestStandardAccounts('18', 1)).toEqual(['18']);
    expect(nearestStandardAccounts('18', 0)).toEqual([]);
  });

  it('suggests nothing for a malformed code', () => {
    expect(nearestStandardAccounts('4')).toEqual([]);
    expect(nearestStandardAccounts('x8')).toEqual([]);
  });
});

describe('the § 17 reference', () => {
  it('nests every hovedkonto in a known aktivitetsområde, hovedområde and paragraf', () => {
    for (const [code, entry] of Object.entries(HOVEDKONTI)) {
      expect(code).toMatch(/^\d{6}$/);
      expect(PARAGRAFFER[code.slice(0, 2)], code).toBeDefined();
      expect(HOVEDOMRAADER[code.slice(0, 3)], code).toBeDefined();
      expect(AKTIVITETSOMRAADER[code.slice(0, 4)], code).toBeDefined();
      expect(entry.da.trim(), code).not.toBe('');
      expect(entry.finanslov[0], code).toBeLessThanOrEqual(entry.finanslov[1]);
    }
  });

  it('holds the FL2023 hovedkonti the job centres depend on', () => {
    expect(HOVEDKONTI['174101']).toEqual({ da: 'Styrelsen for Arbejdsmarked og Rekruttering', finanslov: [2020, 2023] });
    expect(HOVEDKONTI['173201']?.da).toBe('Dagpenge ved arbejdsløshed');
    expect(HOVEDKONTI['174673']?.da).toBe('Tværgående it-understøtning');
    expect(AKTIVITETSOMRAADER['1746']).toBe('Aktiv beskæftigelsesindsats');
    expect(HOVEDOMRAADER['174']).toBe('Arbejdsmarkedsservice');
  });
});
