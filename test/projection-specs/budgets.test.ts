import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDGET_EVENT_TYPES } from '../../src/domain/budget/budget.js';
import type { RecordedEvent } from '../../src/eventstore/port.js';
import { newId } from '../../src/ids.js';
import { budgetsProjection } from '../../src/projections/budgets/projection.js';
import { centreBudgetsAsOf } from '../../src/projections/budgets/queries.js';
import { EventLog, projectionSpecs } from '../support/projection-spec.js';
import { boardAndCalendarEvents, budgetHistory, centreHistory } from './histories.js';

const specs = projectionSpecs(budgetsProjection);
beforeAll(specs.setUp);
afterAll(specs.tearDown);

/** The row `budget_events` keeps of one event: what replay folds, with who and when. */
const eventRow = (budgetId: string) => (e: RecordedEvent) => ({
  global_position: String(e.globalPosition),
  budget_id: budgetId,
  centre_id: e.metadata.centreId,
  type: e.type,
  data: e.data,
  actor_id: e.metadata.actor.id,
  actor_role: e.metadata.actor.role,
  occurred_at: new Date(e.metadata.occurredAt),
});

describe('budgets read model', () => {
  it('handles exactly the budget events', () => {
    expect(budgetsProjection.handles).toEqual(BUDGET_EVENT_TYPES);
  });

  it('each budget event moves the summary row as the budget moves', async () => {
    const centreId = newId();
    const b = budgetHistory(new EventLog(), centreId);
    const base = { budget_id: b.budgetId, centre_id: centreId, fiscal_year: 2027, kind: 'annual', drafted_at: new Date(b.drafted.metadata.occurredAt) };
    const expected: [RecordedEvent, { status: string; version: number }][] = [
      [b.drafted, { status: 'draft', version: 0 }],
      [b.salaries, { status: 'draft', version: 1 }],
      [b.operating, { status: 'draft', version: 2 }],
      [b.rent, { status: 'draft', version: 3 }],
      [b.amended, { status: 'draft', version: 4 }],
      [b.withdrawn, { status: 'draft', version: 5 }],
      [b.approved, { status: 'approved', version: 5 }],
      [b.submitted, { status: 'submitted', version: 5 }],
      [b.enacted, { status: 'enacted', version: 5 }],
      [b.spent, { status: 'enacted', version: 5 }],
      [b.corrected, { status: 'enacted', version: 5 }],
      [b.reallocated, { status: 'enacted', version: 5 }],
    ];
    const spec = await specs.fresh();
    const seen: RecordedEvent[] = [];
    for (const [event, summary] of expected) {
      await spec.given([event]);
      seen.push(event);
      expect(await spec.rows('budgets'), event.type).toEqual([{ ...base, ...summary, updated_at: new Date(event.metadata.occurredAt) }]);
      expect(await spec.rows('budget_events'), event.type).toEqual(seen.map(eventRow(b.budgetId)));
    }
  });

  it('an event for a budget it has no summary of is kept for replay, and makes no summary', async () => {
    // The engine delivers a stream in order, so this only happens for a log written around the app.
    const b = budgetHistory(new EventLog(), newId());
    const spec = await specs.fresh();
    await spec.given([b.salaries]);
    expect(await spec.rows('budgets')).toEqual([]);
    expect(await spec.rows('budget_events')).toEqual([eventRow(b.budgetId)(b.salaries)]);
  });

  it('through its queries: a budget replayed as of a moment, and now', async () => {
    const centreId = newId();
    const b = budgetHistory(new EventLog(), centreId);
    const spec = await specs.fresh();
    await spec.given(b.all);
    await spec.serve();
    const [draft] = await centreBudgetsAsOf(spec.db, centreId, new Date(b.amended.metadata.occurredAt));
    expect(draft).toMatchObject({ budgetId: b.budgetId, status: 'draft', version: 4, totals: { expenditure: { amounts: { '2027': 1_300_000_00 }, enacted: null, spentOre: 0 } } });
    const [now] = await centreBudgetsAsOf(spec.db, centreId);
    expect(now).toMatchObject({ status: 'enacted', version: 5, totals: { expenditure: { amounts: { '2027': 1_250_000_00 }, enacted: { '2027': 1_200_000_00 }, spentOre: 10_000_00 } } });
    expect(now?.lines.map((l) => [l.lineId, l.enacted])).toEqual([
      ['l1', { '2027': 900_000_00 }],
      ['l2', { '2027': 300_000_00 }],
    ]);
  });

  it('keeps budgets apart', async () => {
    const log = new EventLog();
    const centreId = newId();
    const a = budgetHistory(log, centreId);
    const b = budgetHistory(log, centreId);
    const spec = await specs.fresh();
    await spec.given([a.drafted, b.drafted, a.salaries, b.salaries, b.operating]);
    const rows = await spec.rows('budgets');
    expect(rows.map((r) => [r['budget_id'], r['status'], r['version']]).sort()).toEqual(
      [
        [a.budgetId, 'draft', 1],
        [b.budgetId, 'draft', 2],
      ].sort(),
    );
  });

  it('ignores every event it does not handle, interleaved with those it does', async () => {
    const log = new EventLog();
    const centre = centreHistory(log);
    const b = budgetHistory(log, centre.centreId);
    const others = [...centre.all, ...boardAndCalendarEvents(log, centre.centreId)];
    const only = await specs.fresh();
    await only.given(b.all);
    const mixed = await specs.fresh();
    await mixed.given([...others.slice(0, 2), ...b.all.slice(0, 4), ...others.slice(2), ...b.all.slice(4)]);
    expect(await mixed.snapshot()).toEqual(await only.snapshot());
    const none = await specs.fresh();
    await none.given(others);
    expect(await none.snapshot()).toEqual({ budgets: [], budget_events: [] });
  });

  it('gives the same rows however the events are split into batches', async () => {
    const log = new EventLog();
    const centreId = newId();
    const a = budgetHistory(log, centreId);
    const b = budgetHistory(log, centreId);
    // Two budgets interleaved, so a batch holds events of both.
    const events = a.all.flatMap((e, i) => [e, b.all[i]!]);
    const rows = await specs.expectSameRowsForEverySplit(events);
    expect(rows['budget_events']).toHaveLength(events.length);
  });
});
