/**
 * A population of citizens for the research read model and its indicators: journeys written
 * with the domain's own event types (through `EventLog`, as the store records them), at the
 * moments a test names, for centres in municipalities it names. And a database with the research
 * and budgets read models built from them and served, so the indicators' own queries answer.
 */
import { sql, type Kysely } from 'kysely';
import { BUDGET_EVENT_SCHEMA_VERSIONS, budgetStreamId, type BudgetEvent } from '../../src/domain/budget/budget.js';
import { CENTRE_EVENT_SCHEMA_VERSIONS, CLOSED_ALL_WEEK, centreStreamId, type CentreEvent } from '../../src/domain/centre/centre.js';
import {
  JOURNEY_EVENT_SCHEMA_VERSIONS,
  journeyStreamId,
  type CentreOfferKind,
  type Channel,
  type FirstContact,
  type JourneyEvent,
  type OutcomeKind,
} from '../../src/domain/journey/journey.js';
import type { RecordedEvent } from '../../src/eventstore/port.js';
import { newId } from '../../src/ids.js';
import { createBuildSchema, pointViews } from '../../src/projections/engine/builds.js';
import { handlesType, type Projection } from '../../src/projections/engine/projection.js';
import { budgetsProjection } from '../../src/projections/budgets/projection.js';
import { researchProjection } from '../../src/projections/research/projection.js';
import type { PublishedCount, PublishedTable } from '../../src/research/disclosure.js';
import type { IndicatorTable, PublishedCell } from '../../src/research/indicators.js';
import { createTestDatabase } from './database.js';
import { EventLog } from './projection-spec.js';

const admin = { id: 'admin-1', role: 'admin' };

/** A moment in Copenhagen winter time (+01:00) on a day of 2026: `at('2026-03-04', 10)`. */
export const at = (date: string, hour = 10) => `${date}T${String(hour).padStart(2, '0')}:00:00.000+01:00`;

export interface JourneyPlan {
  centreId: string;
  /** When and how the journey began. */
  started: string;
  firstContact?: FirstContact;
  /** Conversations: when booked and held, on which channel, booked by the citizen in a free time or a proposal confirmed. */
  conversations?: { at: string; channel?: Channel; selfBooked?: boolean; held?: boolean }[];
  offers?: { at: string; kind?: CentreOfferKind; answer?: 'accepted' | 'declined' | 'none'; withdrawnAt?: string; participation?: { from: string; to?: string } }[];
  outcomes?: { at: string; kind: OutcomeKind }[];
  erasedAt?: string;
}

/** A log of centres, budgets and citizens' journeys. */
export class Population {
  readonly log = new EventLog();
  readonly events: RecordedEvent[] = [];

  centre(municipalityCode: string, name = `Virkelyst ${municipalityCode}`): string {
    const centreId = newId();
    const centre = this.log.stream<CentreEvent>(centreStreamId(centreId), CENTRE_EVENT_SCHEMA_VERSIONS);
    this.events.push(centre({ type: 'CentreEstablished', data: { centreId, municipalityCode, name, openingHours: CLOSED_ALL_WEEK } }, { actor: admin, centreId, at: at('2025-12-01') }));
    return centreId;
  }

  /** An enacted annual budget with spending on the days given (kroner). */
  spending(centreId: string, spent: { on: string; kroner: number }[]): void {
    const budgetId = newId();
    const budget = this.log.stream<BudgetEvent>(budgetStreamId(budgetId), BUDGET_EVENT_SCHEMA_VERSIONS);
    const board = { actor: { id: 'member-1', role: 'board_member' }, centreId };
    const lineId = newId();
    this.events.push(
      budget({ type: 'BudgetDrafted', data: { budgetId, centreId, fiscalYear: 2026, kind: 'annual', years: [2026] } }, { ...board, at: at('2025-12-02') }),
      budget({ type: 'BudgetLineProposed', data: { budgetId, lineId, financeAccount: '17411110', standardAccount: '22', description: 'Drift', amounts: { '2026': 10_000_000_00 }, version: 1 } }, { ...board, at: at('2025-12-02', 11) }),
      budget({ type: 'BudgetApproved', data: { budgetId, version: 1, resolutionId: newId() } }, { ...board, at: at('2025-12-03') }),
      budget({ type: 'BudgetSubmitted', data: { budgetId, version: 1 } }, { ...board, at: at('2025-12-04') }),
      budget({ type: 'BudgetEnacted', data: { budgetId, lines: [{ lineId, amounts: { '2026': 10_000_000_00 } }] } }, { actor: admin, centreId, at: at('2025-12-20') }),
      ...spent.map((s) =>
        budget({ type: 'SpendingRecorded', data: { budgetId, spendingId: newId(), lineId, amountOre: s.kroner * 100, on: s.on } }, { actor: { id: 'staff-1', role: 'staff' }, centreId, at: at(s.on, 16) }),
      ),
    );
  }

  /** One citizen's journey as planned; returns the citizen's id. */
  journey(plan: JourneyPlan, citizenId = newId()): string {
    const stream = this.log.stream<JourneyEvent>(journeyStreamId(citizenId), JOURNEY_EVENT_SCHEMA_VERSIONS);
    const citizen = (when: string) => ({ actor: { id: citizenId, role: 'citizen' }, centreId: plan.centreId, at: when });
    const staffId = `staff-${plan.centreId.slice(-4)}`;
    const staff = (when: string) => ({ actor: { id: staffId, role: 'staff' }, centreId: plan.centreId, at: when });
    const push = (event: JourneyEvent, recording: { actor: { id: string; role: string }; centreId: string; at: string }) => this.events.push(stream(event, recording));
    push({ type: 'JourneyStarted', data: { journeyId: citizenId, citizenId, centreId: plan.centreId, firstContact: plan.firstContact ?? 'self_service', alias: null, startedBy: 'citizen' } }, citizen(plan.started));
    for (const c of plan.conversations ?? []) {
      const sessionId = newId();
      const channel = c.channel ?? 'phone';
      push(
        { type: 'SessionBooked', data: { sessionId, staffId, start: c.at, durationMinutes: 30, channel, bookedBy: c.selfBooked === false ? 'citizen_confirmed_proposal' : 'citizen' } },
        citizen(plan.started),
      );
      if (c.held !== false) {
        push({ type: 'SessionHeld', data: { sessionId, staffId, channel, heldAt: c.at, durationMinutes: 30, topics: [], informationGiven: null, nextSteps: null, notes: null } }, staff(c.at));
      } else {
        push({ type: 'SessionNotHeld', data: { sessionId } }, staff(c.at));
      }
    }
    for (const o of plan.offers ?? []) {
      const offerId = newId();
      push({ type: 'OfferMade', data: { offerId, offer: { source: 'centre', kind: o.kind ?? 'coaching' }, information: '', staffId, atCitizensRequest: false, at: o.at } }, staff(o.at));
      if (o.answer === 'accepted') {
        push(
          {
            type: 'ConsentGiven',
            data: {
              offerId,
              consent: { method: 'self_service' },
              receipt: {
                receiptId: newId(),
                version: 'KI-CR-v1.1.0',
                timestamp: o.at,
                jurisdiction: 'DK',
                collectionMethod: 'self_service',
                controller: { name: 'Virkelyst', centreId: plan.centreId },
                purpose: 'Taking part',
                dataCategories: [],
                howToWithdraw: 'On your own page',
              },
            },
          },
          citizen(o.at),
        );
      }
      if (o.answer === 'declined') push({ type: 'OfferDeclined', data: { offerId, consent: { method: 'self_service' }, reason: null, at: o.at } }, citizen(o.at));
      if (o.participation) {
        push({ type: 'ParticipationStarted', data: { offerId } }, staff(o.participation.from));
        if (o.participation.to) push({ type: 'ParticipationEnded', data: { offerId, because: 'offer_completed' } }, staff(o.participation.to));
      }
      if (o.withdrawnAt) push({ type: 'ConsentWithdrawn', data: { offerId, consent: { method: 'self_service' }, at: o.withdrawnAt } }, citizen(o.withdrawnAt));
    }
    for (const o of plan.outcomes ?? []) {
      push({ type: 'OutcomeRecorded', data: { outcomeId: newId(), kind: o.kind, note: null, recordedBy: { by: 'citizen' }, at: o.at } }, citizen(o.at));
    }
    if (plan.erasedAt) push({ type: 'CitizenErased', data: { citizenId } }, { actor: admin, centreId: plan.centreId, at: plan.erasedAt });
    return citizenId;
  }
}

/** A database with the research and budgets read models built and served from a population's log. */
export async function researchDatabase() {
  const database = await createTestDatabase({ max: 4 });
  const served: Projection[] = [researchProjection, budgetsProjection];
  const schemas = await database.db.transaction().execute(async (trx) => {
    const out: string[] = [];
    for (const p of served) {
      const schema = await createBuildSchema(trx, p, 1);
      await pointViews(trx, p, schema);
      out.push(schema);
    }
    return out;
  });
  return {
    database,
    db: database.db as Kysely<any>,
    /** Applies the events in batches of `batch`, each read model its own types, as the engine does. */
    async given(events: readonly RecordedEvent[], batch = 5_000) {
      for (let i = 0; i < events.length; i += batch) {
        const slice = events.slice(i, i + batch);
        await database.db.transaction().execute(async (trx) => {
          for (const [n, p] of served.entries()) {
            const handled = slice.filter((e) => handlesType(p, e.type));
            if (handled.length > 0) await p.apply(trx, schemas[n]!, handled);
          }
        });
      }
    },
    async empty() {
      for (const [n, p] of served.entries()) await sql`truncate ${sql.join(p.tables.map((t) => sql.id(schemas[n]!, t)))}`.execute(database.db);
    },
    drop: () => database.drop(),
  };
}

/** What the public reader sees of a table: the published counts, one mark for every suppressed entry. */
export const asPublished = (table: Pick<IndicatorTable, 'cells' | 'rowTotals' | 'columnTotals' | 'grandTotal'>): PublishedTable => {
  const count = (c: PublishedCell): PublishedCount => (c.suppressed ? { suppressed: 'primary' } : { value: c.citizens ?? 0 });
  return { cells: table.cells.map((row) => row.map(count)), rowTotals: table.rowTotals.map(count), columnTotals: table.columnTotals.map(count), grandTotal: count(table.grandTotal) };
};
