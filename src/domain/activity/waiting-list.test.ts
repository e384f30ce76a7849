import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../shared/principal.js';
import type { Activity, ActivityEvent } from './activity.js';
import { type ActivityCommand, activityDecider } from './decide.js';

const activityId = '0190f5f0-0000-7000-8000-0000000000b2';
const centreId = 'c-1';
const now = '2026-11-23T10:00:00.000+01:00';
const staff: Principal = { id: 's-1', role: 'staff', centreId };
const scheduled = (capacity: number): ActivityEvent => ({
  type: 'ActivityScheduled',
  data: { activityId, centreId, kind: 'seminar', title: 'Iværksætteraften', description: null, start: '2026-12-01T17:00:00Z', end: '2026-12-01T19:00:00Z', where: { link: 'https://møde.example.dk/a' }, capacity },
});
const fold = (events: ActivityEvent[]) => events.reduce(activityDecider.evolve, activityDecider.initialState);
const citizenCommand = (type: 'RegisterForActivity' | 'UnregisterFromActivity', citizenId: string): ActivityCommand =>
  type === 'RegisterForActivity'
    ? { type, now, principal: { id: citizenId, role: 'citizen' }, data: { activityId, citizenId, citizenErased: false } }
    : { type, now, principal: { id: citizenId, role: 'citizen' }, data: { activityId, citizenId } };

/**
 * The stream as the store keeps it: an append names the version it was decided on, and is refused
 * when another came first; the handler then decides again on what is there now.
 */
function stream(history: ActivityEvent[]) {
  const events = [...history];
  return {
    read: () => ({ state: fold(events), version: events.length }),
    append(decided: ActivityEvent[], expectedVersion: number): boolean {
      if (expectedVersion !== events.length) return false;
      events.push(...decided);
      return true;
    },
    events,
  };
}

describe('the waiting list under concurrency', () => {
  it('two unregistrations decided at once move up #1 and #2, each once', () => {
    const s = stream([scheduled(2), ...(['b-1', 'b-2'] as const).map((id): ActivityEvent => ({ type: 'ActivityRegistered', data: { activityId, citizenId: id } }))]);
    for (const id of ['b-3', 'b-4']) {
      const { state, version } = s.read();
      s.append(activityDecider.decide(citizenCommand('RegisterForActivity', id), state), version);
    }
    // Both decided on the same version: on their own they would both give the place to b-3.
    const seen = s.read();
    const a = activityDecider.decide(citizenCommand('UnregisterFromActivity', 'b-1'), seen.state);
    const b = activityDecider.decide(citizenCommand('UnregisterFromActivity', 'b-2'), seen.state);
    expect(a.at(-1)).toEqual(b.at(-1));
    expect(s.append(a, seen.version)).toBe(true);
    expect(s.append(b, seen.version)).toBe(false);
    // The loser is decided again on the state after the winner, as the command handler does.
    const again = s.read();
    expect(s.append(activityDecider.decide(citizenCommand('UnregisterFromActivity', 'b-2'), again.state), again.version)).toBe(true);
    const moved = s.events.filter((e) => e.type === 'MovedUpFromWaitingList').map((e) => (e.data as { citizenId: string }).citizenId);
    expect(moved).toEqual(['b-3', 'b-4']);
    expect(s.read().state).toMatchObject({ registered: ['b-3', 'b-4'], waiting: [] });
  });
});

describe('the waiting list, whatever citizens and staff do', () => {
  const step = fc.oneof(
    fc.record({ kind: fc.constantFrom('register' as const, 'unregister' as const), who: fc.integer({ min: 1, max: 8 }) }),
    fc.record({ kind: fc.constant('capacity' as const), to: fc.integer({ min: 1, max: 6 }) }),
  );

  it('moves up in the order of joining, each citizen once, never skipping anyone and never over capacity', () => {
    let movedUpAtAll = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(step, { maxLength: 60 }), (capacity, steps) => {
        let state: Activity = fold([scheduled(capacity)]);
        for (const s of steps) {
          const command: ActivityCommand =
            s.kind === 'capacity'
              ? { type: 'ChangeActivity', now, principal: staff, data: { activityId, capacity: s.to } }
              : citizenCommand(s.kind === 'register' ? 'RegisterForActivity' : 'UnregisterFromActivity', `b-${s.who}`);
          let decided: ActivityEvent[];
          try {
            decided = activityDecider.decide(command, state);
          } catch {
            continue; // a refused change (below those registered) changes nothing
          }
          if (state.status !== 'scheduled') throw new Error('the activity stays scheduled here');
          const line = state.waiting;
          const moved = decided.filter((e) => e.type === 'MovedUpFromWaitingList').map((e) => (e.data as { citizenId: string }).citizenId);
          // Those moved up are the first in line, in its order: being in line, none had a place,
          // and once moved up none is in line any more, so nobody is moved up twice.
          expect(moved).toEqual(line.slice(0, moved.length));
          movedUpAtAll += moved.length;
          state = decided.reduce(activityDecider.evolve, state);
          if (state.status !== 'scheduled') throw new Error('the activity stays scheduled here');
          const everyone = [...state.registered, ...state.waiting];
          expect(new Set(everyone).size).toBe(everyone.length);
          expect(state.registered.length).toBeLessThanOrEqual(state.capacity);
          // Nobody waits while a place is free.
          if (state.waiting.length > 0) expect(state.registered.length).toBe(state.capacity);
        }
      }),
    );
    // The runs did reach the line: a property that never moved anyone up would prove nothing.
    expect(movedUpAtAll).toBeGreaterThan(0);
  });
});
