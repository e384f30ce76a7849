import type { ColumnType } from 'kysely';
import type { BudgetEvent, BudgetKind } from '../../domain/budget/budget.js';

/** A timestamptz: read as a Date, written as ISO-8601 text. */
type Moment = ColumnType<Date, string, string>;

/** The tables of read model `budgets` (migration 0007), as its queries see them. Budgets are public. */
export interface BudgetTables {
  budgets: {
    budget_id: string;
    centre_id: string;
    fiscal_year: number;
    kind: BudgetKind;
    status: 'draft' | 'approved' | 'submitted' | 'enacted' | 'closed';
    version: number;
    drafted_at: Moment;
    updated_at: Moment;
  };
  budget_events: {
    /** A bigint: our int8 parser reads it as text (see `typeParsers`). */
    global_position: ColumnType<string, number, number>;
    budget_id: string;
    centre_id: string;
    type: BudgetEvent['type'];
    /** jsonb: the event's data as recorded, read parsed; replay reads it by the event's type. */
    data: ColumnType<unknown, string, string>;
    actor_id: string;
    actor_role: string;
    occurred_at: Moment;
  };
}
