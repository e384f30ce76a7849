import { describe, it } from 'vitest';
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
const cmd = <T extends BudgetCommand['type']>(type: T, data: object, principal: Principal = board) =>
  ({ type, now, principal, data: { budgetId, actorSits: principal.role === 'board_member', centreKnown: true, ...data } }) as Extract<BudgetCommand, { type: T }>;

const drafted: BudgetEvent = { type: 'BudgetDrafted', data: { budgetId, centreId, fiscalYear: 2027, kind: 'annual', years: [2027] } };
const salaries: BudgetEvent = {
  type: 'BudgetLineProposed',
  data: { budgetId, lineId: 'l1', financeAccount: '17411110', standardAccount: '18', description: 'Løn', amounts: { '2027': 1_000_000_00 }, version: 1 },
};
const operating: BudgetEvent = {
  type: 'BudgetLineProposed',
  data: { budgetId, lineId: 'l2', financeAccount: '17411110', standardAccount: '22', description: 'Drift', amounts: { '2027': 200_000_00 }, version: 2 },
};
const draft = [drafted, salaries, operating];
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
    const line = { lineId: 'l3', financeAccount: '17411110', standardAccount: '46', description: 'Tilskud', amounts: { '2027': 5 } };
    given(budgetDecider, draft).when(cmd('ProposeBudgetLine', line)).then([{ type: 'BudgetLineProposed', data: { budgetId, ...line, version: 3 } }]);
    given(budgetDecider, draft).when(cmd('ProposeBudgetLine', { ...line, financeAccount: '1741111' })).thenError(InvalidValue, 'invalid_value', { field: 'financeAccount' });
    given(budgetDecider, draft).when(cmd('ProposeBudgetLine', { ...line, standardAccount: '4' })).thenError(InvalidValue, 'invalid_value', { field: 'standardAccount' });
    given(budgetDecider, draft).when(cmd('ProposeBudgetLine', { ...line, amounts: { '2027': 10.5 } })).thenError(InvalidValue, 'invalid_value', { field: 'amounts.2027' });
    given(budgetDecider, draft).when(cmd('ProposeBudgetLine', { ...line, amounts: {} })).thenError(InvalidValue, 'invalid_value', { field: 'amounts.2027' });
    given(budgetDecider, draft).when(cmd('ProposeBudgetLine', { ...line, amounts: { '2027': 1, '2028': 1 } })).thenError(InvalidValue, 'invalid_value', { field: 'amounts.2028' });
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

  it('records spending against enacted lines of the annual budget, in its year', () => {
    const spend = { spendingId: 'x1', lineId: 'l1', amountOre: 12_345, on: '2027-03-01' };
    given(budgetDecider, enacted).when(cmd('RecordSpending', spend, staff)).then([{ type: 'SpendingRecorded', data: { budgetId, ...spend } }]);
    given(budgetDecider, draft).when(cmd('RecordSpending', spend, staff)).thenError(RuleViolation, 'budget_not_enacted');
    given(budgetDecider, enacted).when(cmd('RecordSpending', { ...spend, on: '2026-12-31' }, staff)).thenError(InvalidValue, 'invalid_value', { field: 'on' });
    given(budgetDecider, enacted).when(cmd('RecordSpending', { ...spend, amountOre: 1.5 }, staff)).thenError(InvalidValue, 'invalid_value', { field: 'amountOre' });
    given(budgetDecider, enacted).when(cmd('RecordSpending', spend, { id: 'c', role: 'citizen' })).thenError(Forbidden);
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
