import { describe, expect, it } from 'vitest';
import { IDEA_EVENT_SCHEMA_VERSIONS } from '../../domain/idea/idea.js';
import type { StoredEvent } from '../canonical.js';
import { ideaChecks } from './ideas.js';
import type { Data, Meta } from './types.js';

const centreId = '0190f5f0-0000-7000-8000-000000000001';
let position = 0;
type Actor = { id: string; role: string };

/** A raw event as the log stores it, made by hand. */
function raw(stream: string, type: string, data: object, actor: Actor): StoredEvent {
  position++;
  const versions: Record<string, number> = IDEA_EVENT_SCHEMA_VERSIONS;
  return {
    position,
    stream,
    version: position,
    id: `event-${position}`,
    type,
    schemaVersion: versions[type] ?? 1,
    data,
    metadata: { actor, centreId, correlationId: `k${position}`, causationId: `k${position}`, commandId: `k${position}`, occurredAt: '2026-12-01T10:00:00.000Z' },
    recordedAt: '2026-12-01T10:00:00.000000Z',
  };
}
const citizen = (id: string): Actor => ({ id, role: 'citizen' });
const chair: Actor = { id: 'chair', role: 'board_member' };
const admin: Actor = { id: 'admin', role: 'admin' };
const sealed = (s: string) => ({ $sealed: 'v1', s, iv: 'AAAAAAAAAAAAAAAA', ct: 'AAAA', tag: 'AAAAAAAAAAAAAAAAAAAAAA==' });

const idea = (ideaId = 'i1') => `idea-${ideaId}`;
const proposed = (by = 'anna', more: object = {}) =>
  raw(idea(), 'IdeaProposed', { ideaId: 'i1', centreId, budgetId: 'dev', proposerId: 'anna', title: sealed('anna'), description: sealed('anna'), ...more }, citizen(by));
const supported = (who: string, by = who) => raw(idea(), 'IdeaSupported', { ideaId: 'i1', citizenId: who }, citizen(by));
const withdrawn = (who: string) => raw(idea(), 'IdeaSupportWithdrawn', { ideaId: 'i1', citizenId: who }, citizen(who));
const context = () => [
  raw(`board-${centreId}`, 'ResolutionAdopted', { centreId, resolutionId: 'r1', tally: { for: 3, against: 0, abstained: 0 } }, chair),
  raw('budget-dev', 'BudgetLineProposed', { budgetId: 'dev', lineId: 'line-1' }, chair),
];
const answered = (more: object = {}) =>
  raw(idea(), 'IdeaAnswered', { ideaId: 'i1', centreId, budgetId: 'dev', resolutionId: 'r1', answer: 'taken_in', lineId: 'line-1', reason: null, supports: 1, ...more }, chair);

function run(events: StoredEvent[]) {
  const checks = ideaChecks();
  for (const e of events) checks.onEvent(e, e.data as Data, e.metadata as Meta);
  checks.finish?.();
  const [result] = checks.checks;
  return { examined: result!.examined, reasons: result!.violations.map((x) => x.reason) };
}

describe('check 13: citizens’ ideas', () => {
  it('finds an idea proposed, supported, taken back, supported again and answered as the rules have it', () => {
    const held = run([...context(), proposed(), supported('bo'), withdrawn('bo'), supported('bo'), answered()]);
    expect(held.reasons).toEqual([]);
    expect(held.examined).toBe(5);
  });

  it('finds words not sealed under the proposer’s key, and an idea proposed in another’s name', () => {
    expect(run([proposed('anna', { title: 'Reparationscafé' })]).reasons).toEqual(['an idea’s words are not sealed under its proposer’s key (erasing them would not erase the words)']);
    expect(run([proposed('anna', { description: sealed('bo') })]).reasons).toHaveLength(1);
    expect(run([proposed('bo')]).reasons).toEqual(['an idea proposed by someone other than the citizen it names']);
  });

  it('finds a support for one’s own idea, twice, in another’s name, taken back unseen, or after the answer', () => {
    expect(run([proposed(), supported('anna')]).reasons).toEqual(['a support for one’s own idea']);
    expect(run([proposed(), supported('bo'), supported('bo')]).reasons).toEqual(['a second support by the same citizen']);
    expect(run([proposed(), supported('bo', 'carl')]).reasons).toEqual(['a support given by someone other than the citizen it names']);
    expect(run([proposed(), withdrawn('bo')]).reasons).toEqual(['a support taken back that was never given']);
    expect(run([...context(), proposed(), supported('bo'), answered(), supported('carl')]).reasons).toEqual(['IdeaSupported for an idea already answered']);
  });

  it('finds an answer that miscounts, rests on no adopted resolution, names no line of its budget, or gives no reason', () => {
    expect(run([...context(), proposed(), supported('bo'), answered({ supports: 7 })]).reasons).toEqual(['the answer records 7 supports; the idea had 1']);
    expect(run([...context(), proposed(), supported('bo'), answered({ resolutionId: 'r9' })]).reasons).toEqual(['an answer naming no resolution its board adopted']);
    expect(run([...context(), proposed(), supported('bo'), answered({ lineId: 'line-9' })]).reasons).toEqual(['an idea taken in without a line of its budget (or with a reason)']);
    expect(run([...context(), proposed(), supported('bo'), answered({ answer: 'not_taken_in', lineId: null, reason: ' ' })]).reasons).toEqual(['an idea not taken in without a reason (or with a line)']);
    expect(run([...context(), proposed(), answered({ supports: 0, answer: 'not_taken_in', lineId: null, reason: 'Kommunen gør det allerede.' })]).reasons).toEqual([]);
    const byCitizen = raw(idea(), 'IdeaAnswered', { ideaId: 'i1', centreId, budgetId: 'dev', resolutionId: 'r1', answer: 'taken_in', lineId: 'line-1', reason: null, supports: 0 }, citizen('bo'));
    expect(run([...context(), proposed(), byCitizen]).reasons).toEqual(['an answer not by a member of the idea’s centre’s board']);
  });

  it('finds a support ended by erasure that is not an administrator’s, or for a citizen never erased', () => {
    const erasedSupport = (actor: Actor) => raw(idea(), 'IdeaSupportErased', { ideaId: 'i1', citizenId: 'bo' }, actor);
    const erasure = raw('journey-bo', 'CitizenErased', { citizenId: 'bo' }, admin);
    expect(run([proposed(), supported('bo'), erasedSupport(admin), erasure]).reasons).toEqual([]);
    expect(run([proposed(), supported('bo'), erasedSupport(admin)]).reasons).toEqual(['a support ended by erasure for a citizen the log never shows erased']);
    expect(run([proposed(), supported('bo'), erasedSupport(citizen('bo')), erasure]).reasons).toEqual(['a support ended by erasure other than by an administrator']);
  });

  it('finds an idea withdrawn by another, and one changed after it was withdrawn', () => {
    const withdrawnBy = (who: string) => raw(idea(), 'IdeaWithdrawn', { ideaId: 'i1' }, citizen(who));
    expect(run([proposed(), withdrawnBy('bo')]).reasons).toEqual(['an idea withdrawn by someone other than its proposer']);
    expect(run([proposed(), withdrawnBy('anna'), supported('bo')]).reasons).toEqual(['IdeaSupported for an idea already withdrawn']);
  });
});
