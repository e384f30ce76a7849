/**
 * Ideas as people read them. Everyone reads an idea's words (opened at the edge, `(slettet)` once
 * the proposer is erased), its count of supports, its status and the board's answer, and its path.
 * Who proposed it and who supports it are answered only about the citizen asking: their own ideas
 * and their own supports. A withdrawn idea's words are its proposer's to have taken back: the
 * queries give them only while the idea is open or answered.
 */
import type { Kysely, Selectable } from 'kysely';
import type { IdeaAnswerKind, IdeaEvent } from '../../domain/idea/idea.js';
import type { SealedField } from '../../privacy/sealed.js';
import type { IdeaTables } from './tables.js';

/** The board's answer, as the public reads it. */
export interface IdeaAnswerView {
  kind: IdeaAnswerKind;
  lineId: string | null;
  reason: string | null;
  resolutionId: string;
  /** How many supported the idea when it was answered. */
  supports: number;
  at: string;
}

/** An idea with its count. Times are ISO-8601 (UTC). `title`/`description` sealed as stored, null for a withdrawn idea. */
export interface IdeaView {
  ideaId: string;
  centreId: string;
  budgetId: string;
  title: SealedField | null;
  description: SealedField | null;
  status: 'open' | 'withdrawn' | 'answered';
  supports: number;
  answer: IdeaAnswerView | null;
  proposedAt: string;
  closedAt: string | null;
}

/** One step of an idea's path: what happened, when, and the count after it; never who. */
export interface IdeaPathStep {
  type: IdeaEvent['type'];
  at: string;
  supports: number;
  answer: IdeaAnswerKind | null;
  lineId: string | null;
  reason: string | null;
  resolutionId: string | null;
}

type IdeaRow = Selectable<IdeaTables['ideas']>;

function viewOf(row: IdeaRow): IdeaView {
  const words = row.status !== 'withdrawn';
  return {
    ideaId: row.idea_id,
    centreId: row.centre_id,
    budgetId: row.budget_id,
    title: words ? row.title : null,
    description: words ? row.description : null,
    status: row.status,
    supports: row.supports,
    answer:
      row.answer && row.resolution_id && row.closed_at
        ? { kind: row.answer, lineId: row.line_id, reason: row.reason, resolutionId: row.resolution_id, supports: row.supports, at: row.closed_at.toISOString() }
        : null,
    proposedAt: row.proposed_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
  };
}

const columns = ['idea_id', 'centre_id', 'budget_id', 'title', 'description', 'status', 'supports', 'answer', 'line_id', 'reason', 'resolution_id', 'proposed_at', 'closed_at', 'version'] as const;
const ideas = (db: Kysely<IdeaTables>) => db.withSchema('rm').selectFrom('ideas').select(columns);

/** The ideas for a budget, oldest first; withdrawn ones only when asked for (and then without their words). */
export async function ideasOfBudget(db: Kysely<IdeaTables>, budgetId: string, options: { includeWithdrawn?: boolean } = {}): Promise<IdeaView[]> {
  const rows = await ideas(db)
    .where('budget_id', '=', budgetId)
    .$if(!options.includeWithdrawn, (q) => q.where('status', '!=', 'withdrawn'))
    .orderBy('proposed_at')
    .orderBy('idea_id')
    .execute();
  return rows.map((r) => viewOf(r as IdeaRow));
}

/** One idea; null when there is none. */
export async function ideaById(db: Kysely<IdeaTables>, ideaId: string): Promise<IdeaView | null> {
  const row = await ideas(db).where('idea_id', '=', ideaId).executeTakeFirst();
  return row ? viewOf(row as IdeaRow) : null;
}

/** An idea's path, in log order: proposed, each support given or taken back (as a count), withdrawn or answered. */
export async function ideaPath(db: Kysely<IdeaTables>, ideaId: string): Promise<IdeaPathStep[]> {
  const rows = await db.withSchema('rm').selectFrom('idea_path').selectAll().where('idea_id', '=', ideaId).orderBy('global_position').execute();
  return rows.map((r) => ({ type: r.type as IdeaEvent['type'], at: r.occurred_at.toISOString(), supports: r.supports, answer: r.answer, lineId: r.line_id, reason: r.reason, resolutionId: r.resolution_id }));
}

/** Of these ideas, those the citizen proposed and those they support now: for that citizen's own page only. */
export async function citizenStanding(db: Kysely<IdeaTables>, citizenId: string, ideaIds: readonly string[]): Promise<{ proposed: Set<string>; supports: Set<string> }> {
  if (ideaIds.length === 0) return { proposed: new Set(), supports: new Set() };
  const [proposed, supports] = await Promise.all([
    db.withSchema('rm').selectFrom('ideas').select('idea_id').where('proposer_id', '=', citizenId).where('idea_id', 'in', [...ideaIds]).execute(),
    db.withSchema('rm').selectFrom('idea_supporters').select('idea_id').where('citizen_id', '=', citizenId).where('idea_id', 'in', [...ideaIds]).execute(),
  ]);
  return { proposed: new Set(proposed.map((r) => r.idea_id)), supports: new Set(supports.map((r) => r.idea_id)) };
}

/** The ideas taken in as lines of a budget, by line: the public budget page's link from a line back to the ideas it came from. */
export async function ideasByLine(db: Kysely<IdeaTables>, budgetId: string): Promise<Map<string, IdeaView[]>> {
  const rows = await ideas(db).where('budget_id', '=', budgetId).where('answer', '=', 'taken_in').orderBy('proposed_at').orderBy('idea_id').execute();
  const out = new Map<string, IdeaView[]>();
  for (const row of rows) {
    const view = viewOf(row as IdeaRow);
    const lineId = view.answer?.lineId;
    if (!lineId) continue;
    out.set(lineId, [...(out.get(lineId) ?? []), view]);
  }
  return out;
}

/** The ideas the citizen proposed (any status) or supports now: what an erasure of the citizen finds of theirs here. */
export async function ideasOfCitizen(db: Kysely<IdeaTables>, citizenId: string): Promise<string[]> {
  const [proposed, supported] = await Promise.all([
    db.withSchema('rm').selectFrom('ideas').select('idea_id').where('proposer_id', '=', citizenId).execute(),
    db.withSchema('rm').selectFrom('idea_supporters').select('idea_id').where('citizen_id', '=', citizenId).execute(),
  ]);
  return [...new Set([...proposed, ...supported].map((r) => r.idea_id))];
}
