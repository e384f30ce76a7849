import { describe, expect, it } from 'vitest';
import { given } from '../../../test/support/given.js';
import { Conflict, Forbidden, InvalidValue, NotFound, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import type { BudgetEvent } from './budget.js';
import { type BudgetCommand, budgetDecider, type ResolutionFact } from './decide.js';

const centreId = '0190f5f0-0000-7000-8000-000000000001';
const budgetId = 'b-2027';
const now = '2026-11-22T09:00:00.000+01:00';
const admin: Principal = { id: 'admin', role: 'admin' };
const board: Principal = { id: 'a', role: 'board_member', centreId };
const staff: Principal = { id: 's', role: 'staff', centreId };
const cmd = <T extends BudgetCommand['type']>(type: T, data: object, principal: Principal = board, at = now) =>
  ({ type, now: at, principal, data: { budgetId, actorSits: principal.role === 'board_member', centreKnown: true, ...data } }) as Extract<BudgetCommand, { type: T }>;
/** A moment late in the fiscal year: entries are dated on or before the day they are booked. */
const december = '2027-12-15T09:00:00.000+01:00';
const book = <T extends 'RecordSpending' | 'CorrectSpending'>(type: T, data: object, principal: Principal = staff) => cmd(type, data, principal, december);

const drafted: BudgetEvent = { type: 'BudgetDrafted', data: { budgetId, centreId, fiscalYear: 2027, kind: 'annual', years: [2027] } };
const salaries: BudgetEvent = {
  type: 'BudgetLineProposed',
  data: { budgetId, lineId: 'l1', financeAccount: '17411110', standardAccount: '18', nature: 'expenditure', description: 'Løn', amounts: { '2027': 1_000_000_00 }, version: 1 },
};
const operating: BudgetEvent = {
  type: 'BudgetLineProposed',
  data: { budgetId, lineId: 'l2', financeAccount: '17411110', standardAccount: '22', nature: 'expenditure', description: 'Drift', amounts: { '2027': 200_000_00 }, version: 2 },
};
const rent: BudgetEvent = {
  type: 'BudgetLineProposed',
  data: { budgetId, lineId: 'l3', financeAccount: '17411110', standardAccount: '21', nature: 'revenue', description: 'Udlejning af mødelokaler', amounts: { '2027': 10_000_00 }, version: 3 },
};
const draft = [drafted, salaries, operating];
/** The annual budget with a revenue line too (l3), enacted as approved. */
const withRent: BudgetEvent[] = [
  drafted,
  salaries,
  operating,
  rent,
  { type: 'BudgetApproved', data: { budgetId, version: 3, resolutionId: 'r1' } },
  { type: 'BudgetSubmitted', data: { budgetId, version: 3 } },
  { type: 'BudgetEnacted', data: { budgetId, lines: [{ lineId: 'l1', amounts: { '2027': 950_000_00 } }] } },
];
const adopted = (subject: ResolutionFact['subject'], status: ResolutionFact['status'] = 'adopted', resolutionId = 'r1'): ResolutionFact => ({ resolutionId, centreId, status, subject });
const approved: BudgetEvent = { type: 'BudgetApproved', data: { budgetId, version: 2, resolutionId: 'r1' } };
const enacted: BudgetEvent[] = [
  ...draft,
  approved,
  { type: 'BudgetSubmitted', data: { budgetId, version: 2 } },
  { type: 'BudgetEnacted', data: { budgetId, lines: [{ lineId: 'l1', amounts: { '2027': 950_000_00 } }, { lineId: 'l2', amounts: { '2027': 200_000_00 } }] } },
];
const move = { kind: 'budget_reallocation' as const, budgetId, fromLineId: 'l1', toLineId: 'l2', year: 2027, amountOre: 50_000_00 };

describe('drafting a budget', () => {
  it('is annual (one year) or five-year development (Y..Y+4), by the centre’s board', () => {
    given(budgetDecider).when(cmd('DraftBudget', { centreId, fiscalYear: 2027, kind: 'development' })).then([
      { type: 'BudgetDrafted', data: { budgetId, centreId, fiscalYear: 2027, kind: 'development', years: [2027, 2028, 2029, 2030, 2031] } },
    ]);
    given(budgetDecider).when(cmd('DraftBudget', { centreId, fiscalYear: 2027, kind: 'annual' }, staff)).thenError(Forbidden);
    given(budgetDecider).when(cmd('DraftBudget', { centreId, fiscalYear: 2027, kind: 'annual' }, { ...board, centreId: 'other' })).thenError(Forbidden);
    given(budgetDecider, [drafted]).when(cmd('DraftBudget', { centreId, fiscalYear: 2027, kind: 'annual' })).thenError(Conflict, 'budget_exists');
    // A board member's token is not enough: they must sit on the board now.
    given(budgetDecider).when(cmd('DraftBudget', { centreId, fiscalYear: 2027, kind: 'annual', actorSits: false })).thenError(Forbidden);
    given(budgetDecider).when(cmd('DraftBudget', { centreId, fiscalYear: 2027, kind: 'annual', centreKnown: false }, { id: 'a', role: 'admin' })).thenError(NotFound, 'centre_not_found');
    given(budgetDecider, draft).when(cmd('WithdrawBudgetLine', { lineId: 'l1', actorSits: false })).thenError(Forbidden);
  });

  it('takes lines on the Finance Act’s account structure, in whole øre for every year', () => {
    const line = { lineId: 'l3', financeAccount: '17411110', standardAccount: '46', nature: 'expenditure' as const, description: 'Tilskud', amounts: { '2027': 5 } };
    given(budgetDecider, draft).when(cmd('ProposeBudgetLine', line)).then([{ type: 'BudgetLineProposed', data: { budgetId, ...line, version: 3 } }]);
    given(budgetDecider, draft).when(cmd('ProposeBudgetLine', { ...line, financeAccount: '1741111' })).thenError(InvalidValue, 'invalid_value', { field: 'financeAccount' });
    given(budgetDecider, draft).when(cmd('ProposeBudgetLine', { ...line, standardAccount: '4' })).thenError(InvalidValue, 'invalid_value', { field: 'standardAccount' });
    given(budgetDecider, draft).when(cmd('ProposeBudgetLine', { ...line, amounts: { '2027': 10.5 } })).thenError(InvalidValue, 'invalid_value', { field: 'amounts.2027' });
    given(budgetDecider, draft).when(cmd('ProposeBudgetLine', { ...line, amounts: {} })).thenError(InvalidValue, 'invalid_value', { field: 'amounts.2027' });
    given(budgetDecider, draft).when(cmd('ProposeBudgetLine', { ...line, amounts: { '2027': 1, '2028': 1 } })).thenError(InvalidValue, 'invalid_value', { field: 'amounts.2028' });
  });

  it('makes every line expenditure or revenue, with amounts that are never negative', () => {
    const line = { lineId: 'l3', financeAccount: '17411110', standardAccount: '21', nature: 'revenue' as const, description: 'Udlejning', amounts: { '2027': 10_000_00 } };
    given(budgetDecider, draft).when(cmd('ProposeBudgetLine', line)).then([{ type: 'BudgetLineProposed', data: { budgetId, ...line, version: 3 } }]);
    given(budgetDecider, draft).when(cmd('ProposeBudgetLine', { ...line, nature: undefined })).thenError(InvalidValue, 'invalid_value', { field: 'nature' });
    given(budgetDecider, draft).when(cmd('ProposeBudgetLine', { ...line, nature: 'income' })).thenError(InvalidValue, 'invalid_value', { field: 'nature' });
    // A negative amount had no stated meaning: revenue is a line of its own, not a minus.
    given(budgetDecider, draft).when(cmd('ProposeBudgetLine', { ...line, amounts: { '2027': -1 } })).thenError(InvalidValue, 'invalid_value', { field: 'amounts.2027' });
    given(budgetDecider, draft).when(cmd('AmendBudgetLine', { lineId: 'l1', amounts: { '2027': -5_000_00 } })).thenError(InvalidValue, 'invalid_value', { field: 'amounts.2027' });
    given(budgetDecider, draft).when(cmd('ProposeBudgetLine', { ...line, amounts: { '2027': 0 } })).then([{ type: 'BudgetLineProposed', data: { budgetId, ...line, amounts: { '2027': 0 }, version: 3 } }]);
    const submitted = enacted.slice(0, -1);
    given(budgetDecider, submitted).when(cmd('EnactBudget', { lines: [{ lineId: 'l1', amounts: { '2027': -1 } }] }, admin)).thenError(InvalidValue, 'invalid_value', { field: 'lines.0.amounts.2027' });
  });

  it('takes only accounts of the Finance Act’s § 17 and the state’s standard chart, on the side the standard account is budgeted', () => {
    const line = { lineId: 'l3', financeAccount: '17411210', standardAccount: '22', nature: 'expenditure' as const, description: 'Drift', amounts: { '2027': 1 } };
    given(budgetDecider, draft).when(cmd('ProposeBudgetLine', line)).then([{ type: 'BudgetLineProposed', data: { budgetId, ...line, version: 3 } }]);
    const refused = (data: object, field: string, detail: RegExp) => {
      try {
        budgetDecider.decide(cmd('ProposeBudgetLine', { ...line, ...data }), draft.reduce(budgetDecider.evolve, budgetDecider.initialState));
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidValue);
        expect((error as InvalidValue).field).toBe(field);
        expect((error as Error).message).toMatch(detail);
        return;
      }
      throw new Error(`${JSON.stringify(data)} was not refused`);
    };
    // 17.46.12 is not a hovedkonto of § 17: the nearest valid are named, each with the line's own underkonto.
    refused({ financeAccount: '17461210' }, 'financeAccount', /nearest valid: 17461410, 17461810, 17460810/);
    refused({ financeAccount: '99999910' }, 'financeAccount', /not a hovedkonto of § 17/);
    // 27 is no standard account; 80 is the state's borrowing, not a centre's to budget.
    refused({ standardAccount: '27' }, 'standardAccount', /nearest valid: 26, 28, 25/);
    refused({ standardAccount: '80' }, 'standardAccount', /not a standard account/);
    // Salaries are expenditure, other operating income is revenue.
    refused({ standardAccount: '18', nature: 'revenue' }, 'nature', /18 \(Lønninger \/ personaleomkostninger\) is expenditure/);
    refused({ standardAccount: '21', nature: 'expenditure' }, 'nature', /21 \(Andre driftsindtægter\) is revenue/);
  });

  it('reads a line of version 1, which named no nature, as expenditure', () => {
    const { nature: _, ...old } = (salaries as Extract<BudgetEvent, { type: 'BudgetLineProposed' }>).data;
    const state = [drafted, { type: 'BudgetLineProposed', data: old } as BudgetEvent].reduce(budgetDecider.evolve, budgetDecider.initialState);
    if (state.status !== 'draft') throw new Error('expected a draft');
    expect(state.lines.l1!.nature).toBe('expenditure');
  });

  it('makes each amendment and withdrawal a new version', () => {
    given(budgetDecider, draft).when(cmd('AmendBudgetLine', { lineId: 'l1', amounts: { '2027': 900_000_00 } })).then([
      { type: 'BudgetLineAmended', data: { budgetId, lineId: 'l1', description: 'Løn', amounts: { '2027': 900_000_00 }, version: 3 } },
    ]);
    given(budgetDecider, draft).when(cmd('AmendBudgetLine', { lineId: 'l1', amounts: { '2027': 1_000_000_00 } })).thenNothing();
    given(budgetDecider, draft).when(cmd('WithdrawBudgetLine', { lineId: 'l2' })).then([{ type: 'BudgetLineWithdrawn', data: { budgetId, lineId: 'l2', version: 3 } }]);
  });
});

describe('approval', () => {
  it('needs an adopted resolution of this board naming this budget’s exact current version', () => {
    given(budgetDecider, draft).when(cmd('ApproveBudget', { resolutionId: 'r1', resolution: adopted({ kind: 'budget_approval', budgetId, version: 2 }) })).then([approved]);
    given(budgetDecider, draft).when(cmd('ApproveBudget', { resolutionId: 'r1', resolution: null })).thenError(RuleViolation, 'resolution_not_found');
    given(budgetDecider, draft)
      .when(cmd('ApproveBudget', { resolutionId: 'r1', resolution: adopted({ kind: 'budget_approval', budgetId, version: 2 }, 'proposed') }))
      .thenError(RuleViolation, 'resolution_not_adopted');
    given(budgetDecider, draft)
      .when(cmd('ApproveBudget', { resolutionId: 'r1', resolution: adopted({ kind: 'budget_approval', budgetId, version: 2 }, 'rejected') }))
      .thenError(RuleViolation, 'resolution_not_adopted');
    given(budgetDecider, draft)
      .when(cmd('ApproveBudget', { resolutionId: 'r1', resolution: adopted({ kind: 'budget_approval', budgetId, version: 1 }) }))
      .thenError(RuleViolation, 'resolution_names_other_version', { named: 1, current: 2 });
    given(budgetDecider, draft)
      .when(cmd('ApproveBudget', { resolutionId: 'r1', resolution: adopted({ kind: 'budget_approval', budgetId: 'another', version: 2 }) }))
      .thenError(RuleViolation, 'resolution_not_about_this');
    given(budgetDecider, draft)
      .when(cmd('ApproveBudget', { resolutionId: 'r1', resolution: { ...adopted({ kind: 'budget_approval', budgetId, version: 2 }), centreId: 'other' } }))
      .thenError(RuleViolation, 'resolution_not_found');
    given(budgetDecider, draft).when(cmd('ApproveBudget', { resolutionId: 'r1', resolution: adopted({ kind: 'general' }) })).thenError(RuleViolation, 'resolution_not_about_this');
  });

  it('freezes the lines', () => {
    given(budgetDecider, [...draft, approved]).when(cmd('AmendBudgetLine', { lineId: 'l1', description: 'Andet' })).thenError(Conflict, 'budget_not_draft');
    given(budgetDecider, [...draft, approved]).when(cmd('ProposeBudgetLine', { lineId: 'l9', financeAccount: '17411110', standardAccount: '22', description: 'x', amounts: { '2027': 1 } })).thenError(Conflict, 'budget_not_draft');
  });
});

describe('the Finance Act', () => {
  it('takes submitted budgets only, and an administrator records the enacted amounts, which may differ per line', () => {
    given(budgetDecider, draft).when(cmd('SubmitBudget', {})).thenError(RuleViolation, 'budget_not_approved');
    given(budgetDecider, [...draft, approved]).when(cmd('SubmitBudget', {})).then([{ type: 'BudgetSubmitted', data: { budgetId, version: 2 } }]);
    const submitted = enacted.slice(0, -1);
    given(budgetDecider, [...draft, approved]).when(cmd('EnactBudget', { lines: [] }, admin)).thenError(RuleViolation, 'budget_not_submitted');
    given(budgetDecider, submitted).when(cmd('EnactBudget', { lines: [] })).thenError(Forbidden);
    given(budgetDecider, submitted).when(cmd('EnactBudget', { lines: [{ lineId: 'l1', amounts: { '2027': 950_000_00 } }] }, admin)).then([enacted.at(-1)!]);
    given(budgetDecider, submitted).when(cmd('EnactBudget', { lines: [{ lineId: 'nope', amounts: { '2027': 1 } }] }, admin)).thenError(InvalidValue, 'invalid_value', { field: 'lines.0.lineId' });
  });

  it('records entries against enacted lines of the annual budget, in its year, with a voucher and its text', () => {
    const spend = { spendingId: 'x1', lineId: 'l1', amountOre: 12_345, on: '2027-03-01', voucher: '2027-0001', text: 'Løn marts' };
    given(budgetDecider, enacted).when(book('RecordSpending', spend)).then([{ type: 'SpendingRecorded', data: { budgetId, ...spend, overspendReason: null } }]);
    given(budgetDecider, enacted).when(book('RecordSpending', { ...spend, voucher: '  2027-0001 ', text: ' Løn   marts ' })).then([{ type: 'SpendingRecorded', data: { budgetId, ...spend, overspendReason: null } }]);
    given(budgetDecider, draft).when(book('RecordSpending', spend)).thenError(RuleViolation, 'budget_not_enacted');
    given(budgetDecider, enacted).when(book('RecordSpending', { ...spend, on: '2026-12-31' })).thenError(InvalidValue, 'invalid_value', { field: 'on' });
    given(budgetDecider, enacted).when(book('RecordSpending', { ...spend, amountOre: 1.5 })).thenError(InvalidValue, 'invalid_value', { field: 'amountOre' });
    given(budgetDecider, enacted).when(book('RecordSpending', spend, { id: 'c', role: 'citizen' })).thenError(Forbidden);
    given(budgetDecider, enacted).when(book('RecordSpending', { ...spend, voucher: '' })).thenError(InvalidValue, 'invalid_value', { field: 'voucher' });
    given(budgetDecider, enacted).when(book('RecordSpending', { ...spend, voucher: '=HYPERLINK(1)' })).thenError(InvalidValue, 'invalid_value', { field: 'voucher' });
    given(budgetDecider, enacted).when(book('RecordSpending', { ...spend, voucher: 'x'.repeat(41) })).thenError(InvalidValue, 'invalid_value', { field: 'voucher' });
    given(budgetDecider, enacted).when(book('RecordSpending', { ...spend, text: ' ' })).thenError(InvalidValue, 'invalid_value', { field: 'text' });
  });

  it('refuses an entry dated after the day it is booked (Copenhagen time)', () => {
    const spend = { spendingId: 'x1', lineId: 'l1', amountOre: 100, on: '2027-03-02', voucher: 'B1', text: 'Kontorartikler' };
    // 1 March 2027, 23:30 in Copenhagen is still 1 March: the 2nd is tomorrow.
    given(budgetDecider, enacted).when(cmd('RecordSpending', spend, staff, '2027-03-01T22:30:00.000Z')).thenError(InvalidValue, 'invalid_value', { field: 'on' });
    given(budgetDecider, enacted).when(cmd('RecordSpending', spend, staff, '2027-03-01T23:30:00.000Z')).then([{ type: 'SpendingRecorded', data: { budgetId, ...spend, overspendReason: null } }]);
    given(budgetDecider, enacted).when(cmd('CorrectSpending', { correctionId: 'k1', spendingId: 'x1', amountOre: 1, on: '2027-12-16', voucher: 'K1', text: 'Ret' }, staff, december)).thenError(NotFound, 'entry_not_found');
  });

  it('takes an expenditure line beyond its appropriation only with a stated reason, and asks for none otherwise', () => {
    // Line l1 was enacted at 950,000.00.
    const spend = { spendingId: 'x1', lineId: 'l1', amountOre: 900_000_00, on: '2027-06-30', voucher: 'B1', text: 'Løn januar–juni' };
    const first: BudgetEvent = { type: 'SpendingRecorded', data: { budgetId, ...spend, overspendReason: null } };
    const more = { spendingId: 'x2', lineId: 'l1', amountOre: 50_000_01, on: '2027-07-31', voucher: 'B2', text: 'Løn juli' };
    given(budgetDecider, [...enacted, first]).when(book('RecordSpending', more)).thenError(RuleViolation, 'overspending_needs_reason', { field: 'overspendReason', availableOre: 950_000_00, postedOre: 900_000_00 });
    given(budgetDecider, [...enacted, first]).when(book('RecordSpending', { ...more, overspendReason: '   ' })).thenError(RuleViolation, 'overspending_needs_reason');
    const why = 'Vikar under barsel, besluttet på mødet 12. juni';
    given(budgetDecider, [...enacted, first]).when(book('RecordSpending', { ...more, overspendReason: why })).then([{ type: 'SpendingRecorded', data: { budgetId, ...more, overspendReason: why } }]);
    // Exactly up to the appropriation needs no reason, and a reason is refused where none is needed.
    given(budgetDecider, [...enacted, first]).when(book('RecordSpending', { ...more, amountOre: 50_000_00 })).then([{ type: 'SpendingRecorded', data: { budgetId, ...more, amountOre: 50_000_00, overspendReason: null } }]);
    given(budgetDecider, [...enacted, first]).when(book('RecordSpending', { ...more, amountOre: 50_000_00, overspendReason: why })).thenError(InvalidValue, 'invalid_value', { field: 'overspendReason' });
    // A reallocation moves the limit.
    const moved: BudgetEvent = { type: 'BudgetReallocated', data: { budgetId, resolutionId: 'r2', fromLineId: 'l2', toLineId: 'l1', year: 2027, amountOre: 1 } };
    given(budgetDecider, [...enacted, first, moved]).when(book('RecordSpending', more)).then([{ type: 'SpendingRecorded', data: { budgetId, ...more, overspendReason: null } }]);
    // A correction lowers what was spent, and so the limit's reach.
    const undo: BudgetEvent = { type: 'SpendingCorrected', data: { budgetId, correctionId: 'k1', spendingId: 'x1', lineId: 'l1', amountOre: 1, on: '2027-07-01', voucher: 'K1', text: 'Fejl i løn' } };
    given(budgetDecider, [...enacted, first, undo]).when(book('RecordSpending', more)).then([{ type: 'SpendingRecorded', data: { budgetId, ...more, overspendReason: null } }]);
  });

  it('lets a revenue line receive more than its estimate, with no reason asked', () => {
    const revenueBudget = withRent;
    const received = { spendingId: 'x1', lineId: 'l3', amountOre: 25_000_00, on: '2027-05-01', voucher: 'F-17', text: 'Leje, foreningen' };
    given(budgetDecider, revenueBudget).when(book('RecordSpending', received)).then([{ type: 'SpendingRecorded', data: { budgetId, ...received, overspendReason: null } }]);
    given(budgetDecider, revenueBudget).when(book('RecordSpending', { ...received, overspendReason: 'x' })).thenError(InvalidValue, 'invalid_value', { field: 'overspendReason' });
  });

  it('corrects an entry only by an entry of its own that names it and reverses at most what is left of it', () => {
    const spend: BudgetEvent = { type: 'SpendingRecorded', data: { budgetId, spendingId: 'x1', lineId: 'l1', amountOre: 10_000_00, on: '2027-03-01', voucher: 'B1', text: 'Kursus' } };
    const correction = { correctionId: 'k1', spendingId: 'x1', amountOre: 4_000_00, on: '2027-03-05', voucher: 'K1', text: 'Kreditnota: kurset blev kortere' };
    given(budgetDecider, [...enacted, spend]).when(book('CorrectSpending', correction)).then([{ type: 'SpendingCorrected', data: { budgetId, ...correction, lineId: 'l1' } }]);
    const once: BudgetEvent = { type: 'SpendingCorrected', data: { budgetId, ...correction, lineId: 'l1' } };
    // The same correction again (a retry) is nothing new; a second correction reverses what is left, no more.
    given(budgetDecider, [...enacted, spend, once]).when(book('CorrectSpending', correction)).thenNothing();
    given(budgetDecider, [...enacted, spend, once]).when(book('CorrectSpending', { ...correction, correctionId: 'k2', amountOre: 6_000_01 })).thenError(RuleViolation, 'correction_exceeds_entry', { field: 'amountOre', remainingOre: 6_000_00 });
    given(budgetDecider, [...enacted, spend, once]).when(book('CorrectSpending', { ...correction, correctionId: 'k2', amountOre: 6_000_00 })).then([
      { type: 'SpendingCorrected', data: { budgetId, ...correction, correctionId: 'k2', amountOre: 6_000_00, lineId: 'l1' } },
    ]);
    // Only an entry is corrected: not a correction, not an unknown id; never with a negative or zero amount.
    given(budgetDecider, [...enacted, spend, once]).when(book('CorrectSpending', { ...correction, correctionId: 'k2', spendingId: 'k1' })).thenError(NotFound, 'entry_not_found');
    given(budgetDecider, [...enacted, spend]).when(book('CorrectSpending', { ...correction, spendingId: 'nope' })).thenError(NotFound, 'entry_not_found');
    given(budgetDecider, [...enacted, spend]).when(book('CorrectSpending', { ...correction, amountOre: -4_000_00 })).thenError(InvalidValue, 'invalid_value', { field: 'amountOre' });
    given(budgetDecider, [...enacted, spend]).when(book('RecordSpending', { spendingId: 'x9', lineId: 'l1', amountOre: -1, on: '2027-03-01', voucher: 'B9', text: 'x' })).thenError(InvalidValue, 'invalid_value', { field: 'amountOre' });
    given(budgetDecider, [...enacted, spend]).when(book('CorrectSpending', { ...correction, voucher: '' })).thenError(InvalidValue, 'invalid_value', { field: 'voucher' });
    given(budgetDecider, [...enacted, spend]).when(book('CorrectSpending', correction, { id: 'p', role: 'partner' } as Principal)).thenError(Forbidden);
    // The id of an entry is not free for a correction: that is the entry's retry, nothing new.
    given(budgetDecider, [...enacted, spend]).when(book('CorrectSpending', { ...correction, correctionId: 'x1' })).thenNothing();
  });
});

describe('supplementary appropriations and the year-end closing', () => {
  const supplement = { kind: 'budget_supplement' as const, budgetId, lineId: 'l2', year: 2027, amountOre: 30_000_00 };
  const supplemented: BudgetEvent = { type: 'BudgetSupplemented', data: { budgetId, resolutionId: 'r3', lineId: 'l2', year: 2027, amountOre: 30_000_00 } };
  const afterYear = '2028-01-15T10:00:00.000+01:00';
  const closing = { kind: 'budget_closing' as const, budgetId };

  it('appropriates more to an enacted line only by an adopted resolution naming it, once, and raises the limit for spending', () => {
    given(budgetDecider, enacted).when(cmd('SupplementBudget', { resolutionId: 'r3', resolution: adopted(supplement, 'adopted', 'r3') })).then([supplemented]);
    given(budgetDecider, enacted).when(cmd('SupplementBudget', { resolutionId: 'r3', resolution: adopted(supplement, 'proposed', 'r3') })).thenError(RuleViolation, 'resolution_not_adopted');
    given(budgetDecider, enacted).when(cmd('SupplementBudget', { resolutionId: 'r3', resolution: adopted(move, 'adopted', 'r3') })).thenError(RuleViolation, 'resolution_not_about_this');
    given(budgetDecider, [...enacted, supplemented]).when(cmd('SupplementBudget', { resolutionId: 'r3', resolution: adopted(supplement, 'adopted', 'r3') })).thenError(Conflict, 'resolution_used');
    given(budgetDecider, enacted).when(cmd('SupplementBudget', { resolutionId: 'r3', resolution: adopted(supplement, 'adopted', 'r3') }, staff)).thenError(Forbidden);
    given(budgetDecider, [...draft, approved]).when(cmd('SupplementBudget', { resolutionId: 'r3', resolution: adopted(supplement, 'adopted', 'r3') })).thenError(RuleViolation, 'budget_not_enacted');
    // l2 was enacted at 200,000.00; with the supplement, 230,000.00 is spent without a reason.
    const spend = { spendingId: 'x1', lineId: 'l2', amountOre: 230_000_00, on: '2027-09-30', voucher: 'B1', text: 'Drift' };
    given(budgetDecider, enacted).when(book('RecordSpending', spend)).thenError(RuleViolation, 'overspending_needs_reason');
    given(budgetDecider, [...enacted, supplemented]).when(book('RecordSpending', spend)).then([{ type: 'SpendingRecorded', data: { budgetId, ...spend, overspendReason: null } }]);
  });

  it('closes the accounts by an adopted resolution once the year is over, fixing what each line spent; nothing is booked after', () => {
    const spent: BudgetEvent = { type: 'SpendingRecorded', data: { budgetId, spendingId: 'x1', lineId: 'l1', amountOre: 900_000_00, on: '2027-12-31', voucher: 'B1', text: 'Løn', overspendReason: null } };
    const corrected: BudgetEvent = { type: 'SpendingCorrected', data: { budgetId, correctionId: 'k1', spendingId: 'x1', lineId: 'l1', amountOre: 1_000_00, on: '2027-12-31', voucher: 'K1', text: 'Ret' } };
    const closed: BudgetEvent = { type: 'AccountsClosed', data: { budgetId, resolutionId: 'r4', lines: [{ lineId: 'l1', spentOre: 899_000_00 }, { lineId: 'l2', spentOre: 0 }] } };
    const year = [...enacted, spent, corrected];
    given(budgetDecider, year).when(cmd('CloseAccounts', { resolutionId: 'r4', resolution: adopted(closing, 'adopted', 'r4') }, board, afterYear)).then([closed]);
    // Not before the year is over (Copenhagen time): on New Year's Eve, the year still runs.
    given(budgetDecider, year).when(cmd('CloseAccounts', { resolutionId: 'r4', resolution: adopted(closing, 'adopted', 'r4') }, board, '2027-12-31T22:59:00.000Z')).thenError(RuleViolation, 'year_not_over');
    given(budgetDecider, year).when(cmd('CloseAccounts', { resolutionId: 'r4', resolution: adopted(closing, 'adopted', 'r4') }, board, '2027-12-31T23:00:00.000Z')).then([closed]);
    given(budgetDecider, year).when(cmd('CloseAccounts', { resolutionId: 'r4', resolution: adopted(closing, 'rejected', 'r4') }, board, afterYear)).thenError(RuleViolation, 'resolution_not_adopted');
    given(budgetDecider, year).when(cmd('CloseAccounts', { resolutionId: 'r4', resolution: adopted(supplement, 'adopted', 'r4') }, board, afterYear)).thenError(RuleViolation, 'resolution_not_about_this');
    given(budgetDecider, [...draft, approved]).when(cmd('CloseAccounts', { resolutionId: 'r4', resolution: adopted(closing, 'adopted', 'r4') }, board, afterYear)).thenError(RuleViolation, 'budget_not_enacted');
    // Closed: no entry, correction, move, supplement or second closing.
    const after = [...year, closed];
    const at = (type: BudgetCommand['type'], data: object) => cmd(type, data, board, afterYear);
    given(budgetDecider, after).when(at('RecordSpending', { spendingId: 'x9', lineId: 'l1', amountOre: 1, on: '2027-12-31', voucher: 'B9', text: 'Sent' })).thenError(Conflict, 'accounts_closed');
    given(budgetDecider, after).when(at('CorrectSpending', { correctionId: 'k9', spendingId: 'x1', amountOre: 1, on: '2027-12-31', voucher: 'K9', text: 'Sent' })).thenError(Conflict, 'accounts_closed');
    given(budgetDecider, after).when(at('ReallocateBudget', { resolutionId: 'r2', resolution: adopted(move, 'adopted', 'r2') })).thenError(Conflict, 'accounts_closed');
    given(budgetDecider, after).when(at('SupplementBudget', { resolutionId: 'r3', resolution: adopted(supplement, 'adopted', 'r3') })).thenError(Conflict, 'accounts_closed');
    given(budgetDecider, after).when(at('CloseAccounts', { resolutionId: 'r5', resolution: adopted(closing, 'adopted', 'r5') })).thenError(Conflict, 'accounts_closed');
    given(budgetDecider, after).when(at('EnactBudget', { lines: [] })).thenError(Forbidden);
    given(budgetDecider, after).when(cmd('EnactBudget', { lines: [] }, admin, afterYear)).thenError(Conflict, 'budget_enacted');
  });
});

describe('carrying over what last year left unspent', () => {
  // This year's budget is 2027's `enacted`; last year's is 2026, closed with 30,000.00 of its
  // 100,000.00 on line p1 unspent, and its revenue line p2.
  const last = (status: 'closed' | 'enacted' = 'closed') => ({
    budgetId: 'b-2026',
    centreId,
    kind: 'annual' as const,
    fiscalYear: 2026,
    status,
    lines: [
      { lineId: 'p1', nature: 'expenditure' as const, appropriationOre: 100_000_00, accountsOre: status === 'closed' ? 70_000_00 : null },
      { lineId: 'p2', nature: 'revenue' as const, appropriationOre: 10_000_00, accountsOre: status === 'closed' ? 2_000_00 : null },
    ],
  });
  const subject = { kind: 'budget_carry_over' as const, budgetId, lineId: 'l2', year: 2027, fromBudgetId: 'b-2026', fromLineId: 'p1', amountOre: 20_000_00 };
  const carry = (over: Partial<typeof subject> = {}, source: object | null = last(), resolutionId = 'r5') =>
    cmd('CarryOver', { resolutionId, resolution: adopted({ ...subject, ...over }, 'adopted', resolutionId), source });
  const carried: BudgetEvent = { type: 'BudgetCarriedOver', data: { budgetId, resolutionId: 'r5', lineId: 'l2', year: 2027, amountOre: 20_000_00, fromBudgetId: 'b-2026', fromLineId: 'p1' } };

  it('adds unspent money of last year’s closed accounts to a line of this year, by an adopted resolution, never more than was left', () => {
    given(budgetDecider, enacted).when(carry()).then([carried]);
    // 30,000.00 was left: 20,000.00 carried, 10,000.00 more may follow, not 10,000.01.
    given(budgetDecider, [...enacted, carried]).when(carry({ amountOre: 10_000_01 }, last(), 'r6')).thenError(RuleViolation, 'more_than_unspent', { unspentOre: 30_000_00, carriedOre: 20_000_00 });
    given(budgetDecider, [...enacted, carried]).when(carry({ amountOre: 10_000_00 }, last(), 'r6')).then([{ type: 'BudgetCarriedOver', data: { ...(carried.data as object), resolutionId: 'r6', amountOre: 10_000_00 } } as BudgetEvent]);
    given(budgetDecider, [...enacted, carried]).when(carry()).thenError(Conflict, 'resolution_used');
    // Only from closed accounts, of this centre's annual budget of last year, from an expenditure line.
    given(budgetDecider, enacted).when(carry({}, last('enacted'))).thenError(RuleViolation, 'accounts_not_closed');
    given(budgetDecider, enacted).when(carry({}, { ...last(), fiscalYear: 2025 })).thenError(RuleViolation, 'not_last_years_budget');
    given(budgetDecider, enacted).when(carry({}, { ...last(), centreId: 'other' })).thenError(RuleViolation, 'not_last_years_budget');
    given(budgetDecider, enacted).when(carry({}, { ...last(), kind: 'development' })).thenError(RuleViolation, 'not_last_years_budget');
    given(budgetDecider, enacted).when(carry({}, null)).thenError(RuleViolation, 'not_last_years_budget');
    given(budgetDecider, enacted).when(carry({ fromLineId: 'p2' })).thenError(RuleViolation, 'revenue_line');
    given(budgetDecider, enacted).when(carry({ fromLineId: 'p9' })).thenError(NotFound, 'line_not_found');
    given(budgetDecider, enacted).when(carry({ lineId: 'l9' })).thenError(NotFound, 'line_not_found');
    given(budgetDecider, enacted).when(carry({ year: 2026 })).thenError(RuleViolation, 'year_not_in_budget');
    given(budgetDecider, enacted).when(cmd('CarryOver', { resolutionId: 'r5', resolution: adopted(move, 'adopted', 'r5'), source: last() })).thenError(RuleViolation, 'resolution_not_about_this');
    given(budgetDecider, draft).when(carry()).thenError(RuleViolation, 'budget_not_enacted');
    given(budgetDecider, enacted).when(cmd('CarryOver', { resolutionId: 'r5', resolution: adopted(subject, 'adopted', 'r5'), source: last() }, staff)).thenError(Forbidden);
    // Onto a revenue line it would turn unspent money into an income target.
    given(budgetDecider, withRent)
      .when(carry({ lineId: 'l3' }))
      .thenError(RuleViolation, 'revenue_line');
    // Accounts of an old form below zero never make more than the appropriation unspent.
    const negative = { ...last(), lines: [{ lineId: 'p1', nature: 'expenditure' as const, appropriationOre: 100_000_00, accountsOre: -400_000_00 }] };
    given(budgetDecider, enacted).when(carry({ amountOre: 100_000_01 }, negative)).thenError(RuleViolation, 'more_than_unspent', { unspentOre: 100_000_00 });
    // Carried over, it is appropriated: spending up to it needs no reason.
    const spend = { spendingId: 'x1', lineId: 'l2', amountOre: 220_000_00, on: '2027-09-30', voucher: 'B1', text: 'Drift' };
    given(budgetDecider, [...enacted, carried]).when(book('RecordSpending', spend)).then([{ type: 'SpendingRecorded', data: { budgetId, ...spend, overspendReason: null } }]);
  });
});

describe('the monthly split', () => {
  const months = (first: number, rest: number) => [first, ...Array.from({ length: 11 }, () => rest)];
  it('spreads an enacted line over twelve months that add up to its appropriation, by the board or staff', () => {
    // l2 was enacted at 200,000.00: 24,000.00 in January and 16,000.00 in each other month.
    const split = months(24_000_00, 16_000_00);
    given(budgetDecider, enacted).when(cmd('SplitMonthly', { lineId: 'l2', months: split }, staff)).then([{ type: 'MonthlySplitSet', data: { budgetId, lineId: 'l2', months: split } }]);
    given(budgetDecider, enacted).when(cmd('SplitMonthly', { lineId: 'l2', months: split })).then([{ type: 'MonthlySplitSet', data: { budgetId, lineId: 'l2', months: split } }]);
    given(budgetDecider, [...enacted, { type: 'MonthlySplitSet', data: { budgetId, lineId: 'l2', months: split } }]).when(cmd('SplitMonthly', { lineId: 'l2', months: split }, staff)).thenNothing();
    given(budgetDecider, enacted).when(cmd('SplitMonthly', { lineId: 'l2', months: months(24_000_00, 16_000_01) }, staff)).thenError(RuleViolation, 'split_does_not_add_up', { field: 'months', appropriationOre: 200_000_00 });
    given(budgetDecider, enacted).when(cmd('SplitMonthly', { lineId: 'l2', months: split.slice(1) }, staff)).thenError(InvalidValue, 'invalid_value', { field: 'months' });
    given(budgetDecider, enacted).when(cmd('SplitMonthly', { lineId: 'l2', months: [...months(0, 20_000_00).slice(0, 11), -20_000_00] }, staff)).thenError(InvalidValue, 'invalid_value', { field: 'months.11' });
    given(budgetDecider, draft).when(cmd('SplitMonthly', { lineId: 'l2', months: split }, staff)).thenError(RuleViolation, 'budget_not_enacted');
    given(budgetDecider, enacted).when(cmd('SplitMonthly', { lineId: 'l2', months: split }, { id: 'c', role: 'citizen' })).thenError(Forbidden);
    given(budgetDecider, enacted).when(cmd('SplitMonthly', { lineId: 'nope', months: split }, staff)).thenError(NotFound, 'line_not_found');
  });
});

describe('what an adversary tried, refused', () => {
  const spent: BudgetEvent = { type: 'SpendingRecorded', data: { budgetId, spendingId: 'x1', lineId: 'l2', amountOre: 190_000_00, on: '2027-03-01', voucher: 'B1', text: 'Drift' } };
  it('moves only what is left of a line, not what it spent, and never between expenditure and revenue', () => {
    // l2 was enacted at 200,000.00 and spent 190,000.00: 10,000.00 can move, 10,000.01 cannot.
    const out = (amountOre: number) => ({ kind: 'budget_reallocation' as const, budgetId, fromLineId: 'l2', toLineId: 'l1', year: 2027, amountOre });
    given(budgetDecider, [...enacted, spent]).when(cmd('ReallocateBudget', { resolutionId: 'r2', resolution: adopted(out(10_000_01), 'adopted', 'r2') })).thenError(RuleViolation, 'not_enough_on_line');
    given(budgetDecider, [...enacted, spent]).when(cmd('ReallocateBudget', { resolutionId: 'r2', resolution: adopted(out(10_000_00), 'adopted', 'r2') })).then([
      { type: 'BudgetReallocated', data: { budgetId, resolutionId: 'r2', fromLineId: 'l2', toLineId: 'l1', year: 2027, amountOre: 10_000_00 } },
    ]);
    const across = { kind: 'budget_reallocation' as const, budgetId, fromLineId: 'l3', toLineId: 'l2', year: 2027, amountOre: 1_000_00 };
    given(budgetDecider, withRent).when(cmd('ReallocateBudget', { resolutionId: 'r2', resolution: adopted(across, 'adopted', 'r2') })).thenError(RuleViolation, 'nature_differs');
  });

  it('dates a correction on or after the entry it corrects', () => {
    const correction = { correctionId: 'k1', spendingId: 'x1', amountOre: 1_00, voucher: 'K1', text: 'Ret' };
    given(budgetDecider, [...enacted, spent]).when(book('CorrectSpending', { ...correction, on: '2027-02-28' })).thenError(InvalidValue, 'invalid_value', { field: 'on' });
    given(budgetDecider, [...enacted, spent]).when(book('CorrectSpending', { ...correction, on: '2027-03-01' })).then([{ type: 'SpendingCorrected', data: { budgetId, ...correction, on: '2027-03-01', lineId: 'l2' } }]);
  });

  it('keeps a line’s entries within DKK 100 billion', () => {
    const huge: BudgetEvent = { type: 'SpendingRecorded', data: { budgetId, spendingId: 'x1', lineId: 'l2', amountOre: 9_999_999_999_999, on: '2027-03-01', voucher: 'B1', text: 'x', overspendReason: 'y' } };
    given(budgetDecider, [...enacted, huge]).when(book('RecordSpending', { spendingId: 'x2', lineId: 'l2', amountOre: 2, on: '2027-03-01', voucher: 'B2', text: 'x', overspendReason: 'y' })).thenError(InvalidValue, 'invalid_value', { field: 'amountOre' });
  });

  it('does not let an approval recorded out of turn reopen an enacted budget', () => {
    const state = [...enacted, { type: 'BudgetApproved', data: { budgetId, version: 2, resolutionId: 'r9' } } as BudgetEvent].reduce(budgetDecider.evolve, budgetDecider.initialState);
    expect(state.status).toBe('enacted');
  });
});

describe('reallocation', () => {
  it('moves money between enacted lines only by an adopted resolution naming the move, once', () => {
    const moved: BudgetEvent = { type: 'BudgetReallocated', data: { budgetId, resolutionId: 'r2', fromLineId: 'l1', toLineId: 'l2', year: 2027, amountOre: 50_000_00 } };
    given(budgetDecider, enacted).when(cmd('ReallocateBudget', { resolutionId: 'r2', resolution: adopted(move, 'adopted', 'r2') })).then([moved]);
    given(budgetDecider, enacted).when(cmd('ReallocateBudget', { resolutionId: 'r2', resolution: null })).thenError(RuleViolation, 'resolution_not_found');
    given(budgetDecider, enacted).when(cmd('ReallocateBudget', { resolutionId: 'r2', resolution: adopted(move, 'rejected', 'r2') })).thenError(RuleViolation, 'resolution_not_adopted');
    given(budgetDecider, enacted)
      .when(cmd('ReallocateBudget', { resolutionId: 'r1', resolution: adopted({ kind: 'budget_approval', budgetId, version: 2 }) }))
      .thenError(Conflict, 'resolution_used');
    given(budgetDecider, [...enacted, moved]).when(cmd('ReallocateBudget', { resolutionId: 'r2', resolution: adopted(move, 'adopted', 'r2') })).thenError(Conflict, 'resolution_used');
    given(budgetDecider, enacted)
      .when(cmd('ReallocateBudget', { resolutionId: 'r3', resolution: adopted({ ...move, amountOre: 950_000_01 }, 'adopted', 'r3') }))
      .thenError(RuleViolation, 'not_enough_on_line');
    given(budgetDecider, [...draft, approved]).when(cmd('ReallocateBudget', { resolutionId: 'r2', resolution: adopted(move, 'adopted', 'r2') })).thenError(RuleViolation, 'budget_not_enacted');
  });
});
