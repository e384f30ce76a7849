import { sql } from 'kysely';
import { BUDGET_EVENT_TYPES, type BudgetEvent } from '../../domain/budget/budget.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import { keyedRows, type Projection } from '../engine/projection.js';

/** A row of `rm.budgets`. */
export interface BudgetRow extends Record<string, unknown> {
  budget_id: string;
  centre_id: string;
  fiscal_year: number;
  kind: string;
  status: string;
  version: number;
  drafted_at: string;
  updated_at: string;
}

const budgetOf = (e: RecordedEvent) => (e.data as { budgetId: string }).budgetId;

/** The pure step for a budget's summary row. */
export function evolveBudgetRow(row: BudgetRow | null, recorded: RecordedEvent): BudgetRow | null {
  const event = { type: recorded.type, data: recorded.data } as BudgetEvent;
  const at = recorded.metadata.occurredAt;
  if (event.type === 'BudgetDrafted') {
    const d = event.data;
    return { budget_id: d.budgetId, centre_id: d.centreId, fiscal_year: d.fiscalYear, kind: d.kind, status: 'draft', version: 0, drafted_at: at, updated_at: at };
  }
  if (!row) return row;
  const next = { ...row, updated_at: at };
  switch (event.type) {
    case 'BudgetLineProposed':
    case 'BudgetLineAmended':
    case 'BudgetLineWithdrawn':
      return { ...next, version: event.data.version };
    case 'BudgetApproved':
      return { ...next, status: 'approved' };
    case 'BudgetSubmitted':
      return { ...next, status: 'submitted' };
    case 'BudgetEnacted':
      return { ...next, status: 'enacted' };
    case 'AccountsClosed':
      return { ...next, status: 'closed' };
    case 'SpendingRecorded':
    case 'SpendingCorrected':
    case 'BudgetReallocated':
    case 'BudgetSupplemented':
    case 'MonthlySplitSet':
    case 'BudgetCarriedOver':
      return next;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

const summaries = keyedRows<BudgetRow>({ table: 'budgets', key: 'budget_id', keyOf: budgetOf, evolve: evolveBudgetRow });

/**
 * Budgets: a summary per budget, and every budget event with who did it and when, which replay
 * folds into the budget as of any moment. Budgets are public; nothing personal is in them.
 */
export const budgetsProjection: Projection = {
  name: 'budgets',
  version: 1,
  mode: 'async',
  tables: ['budgets', 'budget_events'],
  handles: BUDGET_EVENT_TYPES,
  async apply(trx, schema, events) {
    if (events.length === 0) return;
    await summaries(trx, schema, events);
    const rows = events.map((e) => ({
      global_position: e.globalPosition,
      budget_id: budgetOf(e),
      centre_id: e.metadata.centreId,
      type: e.type,
      data: e.data,
      actor_id: e.metadata.actor.id,
      actor_role: e.metadata.actor.role,
      occurred_at: e.metadata.occurredAt,
    }));
    await sql`insert into ${sql.id(schema, 'budget_events')}
              select * from jsonb_populate_recordset(null::${sql.id(schema, 'budget_events')}, ${JSON.stringify(rows)}::jsonb)
              on conflict (global_position) do nothing`.execute(trx);
  },
};
