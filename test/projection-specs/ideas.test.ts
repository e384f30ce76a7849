import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDEA_EVENT_SCHEMA_VERSIONS, IDEA_PERSONAL_FIELDS, type IdeaEvent, ideaStreamId } from '../../src/domain/idea/idea.js';
import type { RecordedEvent } from '../../src/eventstore/port.js';
import { newId } from '../../src/ids.js';
import type { Vault } from '../../src/privacy/vault.js';
import { ideasProjection } from '../../src/projections/ideas/projection.js';
import { citizenStanding, ideaById, ideaPath, ideasByLine, ideasOfBudget, ideasOfCitizen } from '../../src/projections/ideas/queries.js';
import { EventLog, projectionSpecs } from '../support/projection-spec.js';
import { specVault } from './histories.js';

const specs = projectionSpecs(ideasProjection);
beforeAll(specs.setUp);
afterAll(specs.tearDown);

const WORDS = { title: 'Reparationscafé hos Lene på Jagtvej', description: 'Vi mødes og reparerer cykler sammen, ring til Ole.' };

/** One idea's stream; the proposer's words sealed under their own key, as the command handler seals them. */
function ideaOf(log: EventLog, vault: Vault, centreId = newId(), budgetId = newId(), ideaId = newId()) {
  const stream = log.stream<IdeaEvent>(ideaStreamId(ideaId), IDEA_EVENT_SCHEMA_VERSIONS);
  let minute = 0;
  const at = () => `2026-12-01T10:${String(minute++ % 60).padStart(2, '0')}:00.000+01:00`;
  const as = async (actorId: string, role: 'citizen' | 'board_member', event: IdeaEvent): Promise<RecordedEvent> => {
    const recorded = stream(event, { actor: { id: actorId, role }, centreId, at: at() });
    return { ...recorded, data: await vault.sealFields(actorId, { ...(event.data as Record<string, unknown>) }, IDEA_PERSONAL_FIELDS[event.type]) };
  };
  const proposer = `anna-${newId()}`;
  return {
    ideaId,
    centreId,
    budgetId,
    proposer,
    proposed: () => as(proposer, 'citizen', { type: 'IdeaProposed', data: { ideaId, centreId, budgetId, proposerId: proposer, ...WORDS } }),
    supported: (citizenId: string) => as(citizenId, 'citizen', { type: 'IdeaSupported', data: { ideaId, citizenId } }),
    unsupported: (citizenId: string) => as(citizenId, 'citizen', { type: 'IdeaSupportWithdrawn', data: { ideaId, citizenId } }),
    withdrawn: () => as(proposer, 'citizen', { type: 'IdeaWithdrawn', data: { ideaId } }),
    takenIn: (lineId: string, supports: number) =>
      as('chair', 'board_member', { type: 'IdeaAnswered', data: { ideaId, centreId, budgetId, resolutionId: 'res-1', answer: 'taken_in', lineId, reason: null, supports } }),
  };
}

describe('ideas read model', () => {
  it('handles exactly the idea events', () => {
    expect([...(ideasProjection.handles === 'all' ? [] : ideasProjection.handles)].sort()).toEqual(Object.keys(IDEA_EVENT_SCHEMA_VERSIONS).sort());
  });

  it('counts supports, one per citizen, taken back and given again; the words stay sealed; the path holds counts, never who', async () => {
    const spec = await specs.fresh();
    await spec.serve();
    const i = ideaOf(new EventLog(), specVault(specs.database));
    await spec.given([await i.proposed(), await i.supported('bo'), await i.supported('cy')], [await i.supported('bo'), await i.unsupported('bo')], [await i.supported('bo')]);
    const view = await ideaById(spec.db, i.ideaId);
    expect(view).toMatchObject({ status: 'open', supports: 2, answer: null, budgetId: i.budgetId });
    expect(view?.title).toMatchObject({ $sealed: 'v1', s: i.proposer });
    expect((await ideaPath(spec.db, i.ideaId)).map((s) => [s.type, s.supports])).toEqual([
      ['IdeaProposed', 0],
      ['IdeaSupported', 1],
      ['IdeaSupported', 2],
      ['IdeaSupported', 2],
      ['IdeaSupportWithdrawn', 1],
      ['IdeaSupported', 2],
    ]);
    const everything = JSON.stringify(await spec.snapshot());
    for (const words of Object.values(WORDS)) expect(everything).not.toContain(words);
    expect(JSON.stringify(await ideaPath(spec.db, i.ideaId))).not.toMatch(/bo|cy|anna/);
    expect(await citizenStanding(spec.db, 'bo', [i.ideaId])).toEqual({ proposed: new Set(), supports: new Set([i.ideaId]) });
    expect(await citizenStanding(spec.db, i.proposer, [i.ideaId])).toEqual({ proposed: new Set([i.ideaId]), supports: new Set() });
    expect((await ideasOfCitizen(spec.db, 'cy')).sort()).toEqual([i.ideaId]);
  });

  it('the answer freezes the count and names the line; nothing after it changes the idea', async () => {
    const spec = await specs.fresh();
    await spec.serve();
    const i = ideaOf(new EventLog(), specVault(specs.database));
    await spec.given([await i.proposed(), await i.supported('bo'), await i.takenIn('line-1', 1)]);
    // Stray events after the answer (the decider refuses them) change nothing.
    await spec.given([await i.supported('cy'), await i.unsupported('bo'), await i.withdrawn()]);
    expect(await ideaById(spec.db, i.ideaId)).toMatchObject({ status: 'answered', supports: 1, answer: { kind: 'taken_in', lineId: 'line-1', resolutionId: 'res-1', supports: 1 } });
    expect((await ideasByLine(spec.db, i.budgetId)).get('line-1')?.map((v) => v.ideaId)).toEqual([i.ideaId]);
    expect((await ideaPath(spec.db, i.ideaId)).at(-1)).toMatchObject({ type: 'IdeaAnswered', supports: 1, lineId: 'line-1' });
  });

  it('a withdrawn idea leaves the budget’s list and its words are not given out', async () => {
    const spec = await specs.fresh();
    await spec.serve();
    const log = new EventLog();
    const vault = specVault(specs.database);
    const kept = ideaOf(log, vault);
    const dropped = ideaOf(log, vault, kept.centreId, kept.budgetId);
    await spec.given([await kept.proposed(), await dropped.proposed(), await dropped.withdrawn()]);
    expect((await ideasOfBudget(spec.db, kept.budgetId)).map((v) => v.ideaId)).toEqual([kept.ideaId]);
    expect((await ideasOfBudget(spec.db, kept.budgetId, { includeWithdrawn: true })).map((v) => v.ideaId).sort()).toEqual([kept.ideaId, dropped.ideaId].sort());
    expect(await ideaById(spec.db, dropped.ideaId)).toMatchObject({ status: 'withdrawn', title: null, description: null });
  });
});
