import { describe, expect, it } from 'vitest';
import { given } from '../../../test/support/given.js';
import { type Board, type BoardEvent, evolve as evolveBoard, initialState as initialBoard } from '../board/board.js';
import type { BudgetFact } from '../board/decide.js';
import { CoerciveWording, Conflict, Forbidden, InvalidValue, NotFound, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { type AnswerIdea, ideaBoardFactOf, type IdeaBoardFact, ideaDecider, type ProposeIdea, type SupportIdea, type WithdrawIdea, type WithdrawSupport } from './decide.js';
import { IDEA_EVENT_SCHEMA_VERSIONS, IDEA_PERSONAL_FIELDS, type IdeaEvent, ideaStreamId } from './idea.js';

const ideaId = '0190f5f0-0000-7000-8000-0000000000i1';
const centreId = 'c-1';
const budgetId = 'b-dev';
const lineId = 'line-1';
const resolutionId = 'res-1';
const now = '2026-11-22T09:00:00.000+01:00';
const anna: Principal = { id: 'cit-anna', role: 'citizen' };
const bo: Principal = { id: 'cit-bo', role: 'citizen' };
const chair: Principal = { id: 'm-chair', role: 'board_member', centreId };
const member: Principal = { id: 'm-plain', role: 'board_member', centreId };
const staff: Principal = { id: 's-1', role: 'staff', centreId };
const admin: Principal = { id: 'a', role: 'admin' };

const budget = (change: Partial<BudgetFact> = {}): BudgetFact => ({
  budgetId,
  centreId,
  kind: 'development',
  fiscalYear: 2027,
  status: 'draft',
  version: 1,
  years: [2027, 2028, 2029, 2030, 2031],
  activeLineIds: [lineId],
  revenueLineIds: [],
  ...change,
});
const board = (change: Partial<IdeaBoardFact> = {}): IdeaBoardFact => ({ centreId, actorSits: true, actorRole: 'chair', resolution: { resolutionId, status: 'adopted' }, ...change });

const propose = (change: Partial<ProposeIdea['data']> = {}, principal: Principal = anna): ProposeIdea => ({
  type: 'ProposeIdea',
  now,
  principal,
  data: { ideaId, centreId, budgetId, title: 'Værksted for reparation', description: 'Et sted hvor vi lærer at reparere cykler og tøj sammen.', budget: budget(), citizenErased: false, ...change },
});
const support = (principal: Principal, citizenErased = false): SupportIdea => ({ type: 'SupportIdea', now, principal, data: { ideaId, citizenErased } });
const unsupport = (principal: Principal): WithdrawSupport => ({ type: 'WithdrawSupport', now, principal, data: { ideaId } });
const withdraw = (principal: Principal): WithdrawIdea => ({ type: 'WithdrawIdea', now, principal, data: { ideaId } });
const takeIn = (change: Partial<AnswerIdea['data']> = {}, principal: Principal = chair): AnswerIdea => ({
  type: 'AnswerIdea',
  now,
  principal,
  data: { ideaId, answer: { kind: 'taken_in', lineId }, resolutionId, board: board(), budget: budget(), ...change },
});
const decline = (reason: string, change: Partial<AnswerIdea['data']> = {}): AnswerIdea => takeIn({ answer: { kind: 'not_taken_in', reason }, ...change });

const proposed: IdeaEvent = {
  type: 'IdeaProposed',
  data: { ideaId, centreId, budgetId, proposerId: anna.id, title: 'Værksted for reparation', description: 'Et sted hvor vi lærer at reparere cykler og tøj sammen.' },
};
const supported = (citizenId: string): IdeaEvent => ({ type: 'IdeaSupported', data: { ideaId, citizenId } });
const unsupported = (citizenId: string): IdeaEvent => ({ type: 'IdeaSupportWithdrawn', data: { ideaId, citizenId } });
const takenIn = (supports: number): IdeaEvent => ({ type: 'IdeaAnswered', data: { ideaId, centreId, budgetId, resolutionId, answer: 'taken_in', lineId, reason: null, supports } });

describe('proposing an idea', () => {
  it('is a citizen’s own act, in their own words, tidied', () => {
    given(ideaDecider).when(propose({ title: '  Værksted   for reparation ', description: ' Et sted hvor vi lærer at reparere cykler og tøj sammen. ' })).then([proposed]);
  });
  it('keeps the description’s paragraphs', () => {
    const [event] = ideaDecider.decide(propose({ description: 'Første afsnit.\n\n\n\nAndet  afsnit.' }), ideaDecider.initialState);
    expect((event!.data as { description: string }).description).toBe('Første afsnit.\n\nAndet afsnit.');
  });
  it('is for citizens only', () => {
    for (const p of [staff, admin, chair, { id: 'p', role: 'partner', centreId } as Principal]) given(ideaDecider).when(propose({}, p)).thenError(Forbidden);
  });
  it('names an existing budget of this centre', () => {
    given(ideaDecider).when(propose({ budget: null })).thenError(NotFound, 'budget_not_found');
    given(ideaDecider).when(propose({ budget: budget({ centreId: 'c-2' }) })).thenError(NotFound, 'budget_not_found');
    given(ideaDecider).when(propose({ budget: budget({ budgetId: 'other' }) })).thenError(NotFound, 'budget_not_found');
  });
  it('is for the development budget, not the annual one', () => {
    given(ideaDecider).when(propose({ budget: budget({ kind: 'annual', years: [2027] }) })).thenError(RuleViolation, 'not_development_budget');
  });
  it('is refused on a closed budget, welcome on every other', () => {
    given(ideaDecider).when(propose({ budget: budget({ status: 'closed' }) })).thenError(Conflict, 'budget_closed');
    for (const status of ['draft', 'approved', 'submitted', 'enacted'] as const) given(ideaDecider).when(propose({ budget: budget({ status }) })).then([proposed]);
  });
  it('needs a title and a description, within their lengths', () => {
    given(ideaDecider).when(propose({ title: '   ' })).thenError(InvalidValue, 'invalid_value', { field: 'title' });
    given(ideaDecider).when(propose({ title: 'x'.repeat(121) })).thenError(InvalidValue, 'invalid_value', { field: 'title' });
    given(ideaDecider).when(propose({ description: ' \n ' })).thenError(InvalidValue, 'invalid_value', { field: 'description' });
    given(ideaDecider).when(propose({ description: 'x'.repeat(2001) })).thenError(InvalidValue, 'invalid_value', { field: 'description' });
  });
  it('is never refused for what the citizen says', () => {
    given(ideaDecider).when(propose({ description: 'Hjælp til at forstå dagpenge og sanktioner.' })).then([
      { ...proposed, data: { ...proposed.data, description: 'Hjælp til at forstå dagpenge og sanktioner.' } } as IdeaEvent,
    ]);
  });
  it('is refused for an erased citizen', () => {
    given(ideaDecider).when(propose({ citizenErased: true })).thenError(Conflict, 'citizen_erased');
  });
  it('happens once', () => {
    given(ideaDecider, [proposed]).when(propose()).thenError(Conflict, 'idea_exists');
  });
});

describe('supporting an idea', () => {
  it('counts at once, one support per citizen; supporting again changes nothing', () => {
    given(ideaDecider, [proposed]).when(support(bo)).then([supported(bo.id)]);
    given(ideaDecider, [proposed, supported(bo.id)]).when(support(bo)).thenNothing();
  });
  it('may be given again after it was taken back', () => {
    given(ideaDecider, [proposed, supported(bo.id), unsupported(bo.id)]).when(support(bo)).then([supported(bo.id)]);
  });
  it('is not the proposer’s: it is their idea already', () => {
    given(ideaDecider, [proposed]).when(support(anna)).thenError(RuleViolation, 'own_idea');
  });
  it('is a citizen’s', () => {
    given(ideaDecider, [proposed]).when(support(chair)).thenError(Forbidden);
    given(ideaDecider, [proposed]).when(support(staff)).thenError(Forbidden);
  });
  it('is refused for an erased citizen', () => {
    given(ideaDecider, [proposed]).when(support(bo, true)).thenError(Conflict, 'citizen_erased');
  });
  it('needs an idea that is still open', () => {
    given(ideaDecider).when(support(bo)).thenError(NotFound, 'idea_not_found');
    given(ideaDecider, [proposed, { type: 'IdeaWithdrawn', data: { ideaId } }]).when(support(bo)).thenError(Conflict, 'idea_withdrawn');
    given(ideaDecider, [proposed, takenIn(0)]).when(support(bo)).thenError(Conflict, 'idea_answered');
  });
});

describe('withdrawing a support', () => {
  it('takes the citizen’s own support back; one not given changes nothing', () => {
    given(ideaDecider, [proposed, supported(bo.id)]).when(unsupport(bo)).then([unsupported(bo.id)]);
    given(ideaDecider, [proposed]).when(unsupport(bo)).thenNothing();
    given(ideaDecider, [proposed, supported(bo.id), unsupported(bo.id)]).when(unsupport(bo)).thenNothing();
  });
  it('is refused once the board answered: the supports are frozen', () => {
    given(ideaDecider, [proposed, supported(bo.id), takenIn(1)]).when(unsupport(bo)).thenError(Conflict, 'idea_answered');
  });
  it('is a citizen’s own', () => {
    given(ideaDecider, [proposed, supported(bo.id)]).when(unsupport(staff)).thenError(Forbidden);
  });
});

describe('an erasure', () => {
  const erase = (citizenId: string, principal: Principal = admin) => ({ type: 'EraseSupport' as const, now, principal, data: { ideaId, citizenId } });
  it('ends the erased citizen’s support of an idea not yet answered, as an administrator’s act', () => {
    given(ideaDecider, [proposed, supported(bo.id)]).when(erase(bo.id)).then([{ type: 'IdeaSupportErased', data: { ideaId, citizenId: bo.id } }]);
    // The support is gone from the idea: there is none left to take back, and the answer counts without it.
    const erased: IdeaEvent = { type: 'IdeaSupportErased', data: { ideaId, citizenId: bo.id } };
    given(ideaDecider, [proposed, supported(bo.id), erased]).when(unsupport(bo)).thenNothing();
    given(ideaDecider, [proposed, supported(bo.id), supported('cit-cy'), erased]).when(takeIn()).then([takenIn(1)]);
  });
  it('changes nothing where there is no support to end, or the board has answered', () => {
    given(ideaDecider, [proposed]).when(erase(bo.id)).thenNothing();
    given(ideaDecider).when(erase(bo.id)).thenNothing();
    given(ideaDecider, [proposed, supported(bo.id), takenIn(1)]).when(erase(bo.id)).thenNothing();
  });
  it('is an administrator’s, never anyone else’s', () => {
    for (const p of [bo, chair, staff]) given(ideaDecider, [proposed, supported(bo.id)]).when(erase(bo.id, p)).thenError(Forbidden);
  });
});

describe('withdrawing an idea', () => {
  it('is the proposer’s own act, until the board answers', () => {
    given(ideaDecider, [proposed]).when(withdraw(anna)).then([{ type: 'IdeaWithdrawn', data: { ideaId } }]);
    given(ideaDecider, [proposed]).when(withdraw(bo)).thenError(Forbidden);
    given(ideaDecider, [proposed]).when(withdraw(admin)).thenError(Forbidden);
    given(ideaDecider, [proposed, takenIn(0)]).when(withdraw(anna)).thenError(Conflict, 'idea_answered');
    given(ideaDecider, [proposed, { type: 'IdeaWithdrawn', data: { ideaId } }]).when(withdraw(anna)).thenError(Conflict, 'idea_withdrawn');
  });
});

describe('the board’s answer', () => {
  const withSupports = [proposed, supported(bo.id), supported('cit-cy'), supported('cit-di'), unsupported('cit-di')];
  it('takes the idea in as a line of its budget, recording the supports at that moment', () => {
    given(ideaDecider, withSupports).when(takeIn()).then([takenIn(2)]);
  });
  it('or not, with the reason', () => {
    given(ideaDecider, withSupports).when(decline('  Det ligger uden for centrets opgaver.  ')).then([
      { type: 'IdeaAnswered', data: { ideaId, centreId, budgetId, resolutionId, answer: 'not_taken_in', lineId: null, reason: 'Det ligger uden for centrets opgaver.', supports: 2 } },
    ]);
  });
  it('needs a reason when the idea is not taken in', () => {
    given(ideaDecider, withSupports).when(decline('   ')).thenError(InvalidValue, 'invalid_value', { field: 'answer.reason' });
    given(ideaDecider, withSupports).when(decline('x'.repeat(1001))).thenError(InvalidValue, 'invalid_value', { field: 'answer.reason' });
  });
  it('gives a reason free of the words of coercion: the board speaks to its citizens as staff do', () => {
    given(ideaDecider, withSupports).when(decline('Du skal møde op senest fredag, ellers mister du din ydelse.')).thenError(CoerciveWording, 'coercive_wording', { field: 'answer.reason' });
  });
  it('names an active line of the idea’s own budget', () => {
    given(ideaDecider, withSupports).when(takeIn({ answer: { kind: 'taken_in', lineId: 'withdrawn-line' } })).thenError(InvalidValue, 'invalid_value', { field: 'answer.lineId' });
    given(ideaDecider, withSupports).when(takeIn({ budget: budget({ budgetId: 'other' }) })).thenError(InvalidValue, 'invalid_value', { field: 'answer.lineId' });
    given(ideaDecider, withSupports).when(takeIn({ budget: null })).thenError(InvalidValue, 'invalid_value', { field: 'answer.lineId' });
  });
  it('rests on an adopted resolution of the board', () => {
    given(ideaDecider, withSupports).when(takeIn({ board: board({ resolution: null }) })).thenError(NotFound, 'resolution_not_found');
    given(ideaDecider, withSupports).when(takeIn({ board: board({ resolution: { resolutionId: 'other', status: 'adopted' } }) })).thenError(NotFound, 'resolution_not_found');
    given(ideaDecider, withSupports).when(takeIn({ board: board({ resolution: { resolutionId, status: 'proposed' } }) })).thenError(RuleViolation, 'resolution_not_adopted');
    given(ideaDecider, withSupports).when(takeIn({ board: board({ resolution: { resolutionId, status: 'rejected' } }) })).thenError(RuleViolation, 'resolution_not_adopted');
  });
  it('is recorded by the chair, vice-chair or secretary sitting on this centre’s board', () => {
    for (const actorRole of ['vice_chair', 'secretary'] as const) given(ideaDecider, withSupports).when(takeIn({ board: board({ actorRole }) })).then([takenIn(2)]);
    given(ideaDecider, withSupports).when(takeIn({ board: board({ actorRole: null }) }, member)).thenError(Forbidden);
    given(ideaDecider, withSupports).when(takeIn({ board: board({ actorSits: false }) })).thenError(Forbidden);
    given(ideaDecider, withSupports).when(takeIn({}, { ...chair, centreId: 'c-2' })).thenError(Forbidden);
    for (const p of [admin, staff, anna]) given(ideaDecider, withSupports).when(takeIn({}, p)).thenError(Forbidden);
  });
  it('needs the centre’s board', () => {
    given(ideaDecider, withSupports).when(takeIn({ board: null })).thenError(NotFound, 'board_not_found');
    given(ideaDecider, withSupports).when(takeIn({ board: board({ centreId: 'c-2' }) })).thenError(NotFound, 'board_not_found');
  });
  it('is given once, and not to a withdrawn idea', () => {
    given(ideaDecider, [...withSupports, takenIn(2)]).when(decline('Alligevel ikke.')).thenError(Conflict, 'idea_answered');
    given(ideaDecider, [proposed, { type: 'IdeaWithdrawn', data: { ideaId } }]).when(takeIn()).thenError(Conflict, 'idea_withdrawn');
    given(ideaDecider).when(takeIn()).thenError(NotFound, 'idea_not_found');
  });
});

describe('the board fact', () => {
  /** A board folded from its own events, so the test follows the board's shape as it grows. */
  const constituted = (role: 'chair' | 'vice_chair' | 'secretary' | null): Board => {
    const events: BoardEvent[] = [
      { type: 'BoardConstituted', data: { centreId } },
      { type: 'MemberJoinedBoard', data: { centreId, seatId: 'citizen', memberId: chair.id, how: 'elected', from: '2026-01-01' } },
      { type: 'MemberJoinedBoard', data: { centreId, seatId: 'employee', memberId: member.id, how: 'elected', from: '2026-01-01' } },
      ...(role ? [{ type: 'BoardRoleAssigned', data: { centreId, role, memberId: chair.id } } as BoardEvent] : []),
      { type: 'MeetingConvened', data: { centreId, meetingId: 'm', at: '2026-11-01T17:00:00.000+01:00', agenda: ['Borgernes idéer'] } },
      { type: 'ResolutionProposed', data: { centreId, meetingId: 'm', resolutionId, title: 'Svar på idéer', subject: { kind: 'general' }, proposedBy: chair.id } },
      { type: 'ResolutionAdopted', data: { centreId, resolutionId, tally: { for: 2, against: 0, abstained: 0 } } },
    ];
    return events.reduce(evolveBoard, initialBoard);
  };
  it('says whether the actor sits, which office they hold, and where the named resolution stands', () => {
    expect(ideaBoardFactOf(constituted('secretary'), chair, resolutionId)).toEqual({ centreId, actorSits: true, actorRole: 'secretary', resolution: { resolutionId, status: 'adopted' } });
    expect(ideaBoardFactOf(constituted('chair'), member, 'unknown')).toEqual({ centreId, actorSits: true, actorRole: null, resolution: null });
    expect(ideaBoardFactOf(constituted(null), chair, resolutionId)?.actorRole).toBeNull();
    expect(ideaBoardFactOf(constituted('chair'), { id: 'm-x', role: 'board_member', centreId }, resolutionId)?.actorSits).toBe(false);
    expect(ideaBoardFactOf(constituted('chair'), { ...chair, role: 'staff' }, resolutionId)).toMatchObject({ actorSits: false, actorRole: null });
    expect(ideaBoardFactOf(constituted('chair'), { ...chair, centreId: 'c-2' }, resolutionId)).toMatchObject({ actorSits: false, actorRole: null });
    expect(ideaBoardFactOf({ status: 'none' }, chair, resolutionId)).toBeNull();
  });
});

describe('the idea decider', () => {
  it('seals the proposer’s words under their own key, and nothing else', () => {
    expect(IDEA_PERSONAL_FIELDS.IdeaProposed).toEqual(['title', 'description']);
    expect(Object.entries(IDEA_PERSONAL_FIELDS).filter(([type, fields]) => type !== 'IdeaProposed' && fields.length > 0)).toEqual([]);
    expect(ideaDecider.personal?.subjectOf(propose())).toBe(anna.id);
    expect(Object.keys(IDEA_PERSONAL_FIELDS).sort()).toEqual(Object.keys(IDEA_EVENT_SCHEMA_VERSIONS).sort());
  });
  it('keeps one stream per idea, in its centre', () => {
    expect(ideaDecider.streamId(support(bo))).toBe(ideaStreamId(ideaId));
    expect(ideaDecider.centreOf?.(ideaDecider.initialState, propose())).toBe(centreId);
    expect(ideaDecider.centreOf?.(ideaDecider.evolve(ideaDecider.initialState, proposed), support(bo))).toBe(centreId);
  });
});
