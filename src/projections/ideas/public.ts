/**
 * Ideas as the public reads them, with what makes their path traceable: the proposer's words
 * opened (or marked erased), the count of supports, and the board's answer with the resolution it
 * rests on and the budget line it became. A line's text is shown once its budget is public
 * (approved or later): a draft's lines are the board's working papers. Never who proposed or who
 * supports: counts only.
 */
import type { Kysely } from 'kysely';
import { ERASED, type PersonalData } from '../../privacy/sealed.js';
import { resolutionsOf } from '../board/queries.js';
import type { BoardTables } from '../board/tables.js';
import { budgetHistory } from '../budgets/queries.js';
import { replay } from '../budgets/replay.js';
import type { BudgetTables } from '../budgets/tables.js';
import { ideaById, ideaPath, type IdeaPathStep, ideasOfBudget, type IdeaView } from './queries.js';
import type { IdeaTables } from './tables.js';

type Db = Kysely<IdeaTables & BudgetTables & BoardTables>;

export interface PublicIdea {
  ideaId: string;
  centreId: string;
  budgetId: string;
  /** The proposer's words; null when withdrawn or erased. */
  title: string | null;
  description: string | null;
  /** The proposer's data was erased: the idea's path stands, its words are gone. */
  erased: boolean;
  status: IdeaView['status'];
  supports: number;
  proposedAt: string;
  closedAt: string | null;
  answer: PublicAnswer | null;
}

export interface PublicAnswer {
  kind: 'taken_in' | 'not_taken_in';
  at: string;
  supports: number;
  reason: string | null;
  resolution: { resolutionId: string; title: string | null };
  /** The line it became; its text null while the budget is a draft. */
  line: { lineId: string; description: string | null } | null;
}

// One database holds every read model's views; each query is typed by its own tables.
/** What a budget says of its lines to the public: each line's text, once the budget is approved. */
async function publicLines(db: Db, budgetId: string): Promise<Map<string, string>> {
  const view = replay(await budgetHistory(db as unknown as Kysely<BudgetTables>, budgetId));
  if (!view || view.status === 'draft') return new Map();
  return new Map(view.lines.map((l) => [l.lineId, l.description]));
}

async function words(vault: PersonalData, sealed: unknown): Promise<{ text: string | null; erased: boolean }> {
  if (sealed === null) return { text: null, erased: false };
  const open = await vault.open<unknown>(sealed);
  if (open === ERASED || (typeof open === 'object' && open !== null && (open as typeof ERASED).erased === true)) return { text: null, erased: true };
  return { text: typeof open === 'string' ? open : null, erased: false };
}

async function shown(db: Db, vault: PersonalData, ideas: readonly IdeaView[], lines: Map<string, string>): Promise<PublicIdea[]> {
  const byCentre = new Map<string, string[]>();
  for (const i of ideas) if (i.answer) byCentre.set(i.centreId, [...(byCentre.get(i.centreId) ?? []), i.answer.resolutionId]);
  const titles = new Map<string, string>();
  for (const [centreId, ids] of byCentre) for (const [id, r] of Object.entries(await resolutionsOf(db as unknown as Kysely<BoardTables>, centreId, ids))) titles.set(id, r.title);
  return Promise.all(
    ideas.map(async (i): Promise<PublicIdea> => {
      const title = await words(vault, i.title);
      const description = await words(vault, i.description);
      const a = i.answer;
      return {
        ideaId: i.ideaId,
        centreId: i.centreId,
        budgetId: i.budgetId,
        title: title.text,
        description: description.text,
        erased: title.erased || description.erased,
        status: i.status,
        supports: i.supports,
        proposedAt: i.proposedAt,
        closedAt: i.closedAt,
        answer: a
          ? {
              kind: a.kind,
              at: a.at,
              supports: a.supports,
              reason: a.reason,
              resolution: { resolutionId: a.resolutionId, title: titles.get(a.resolutionId) ?? null },
              line: a.lineId ? { lineId: a.lineId, description: lines.get(a.lineId) ?? null } : null,
            }
          : null,
      };
    }),
  );
}

/** A budget's ideas (not the withdrawn), oldest first, as the public reads them. */
export async function publicIdeasOf(db: Db, vault: PersonalData, budgetId: string): Promise<PublicIdea[]> {
  const ideas = await ideasOfBudget(db as unknown as Kysely<IdeaTables>, budgetId);
  return shown(db, vault, ideas, ideas.some((i) => i.answer?.lineId) ? await publicLines(db, budgetId) : new Map());
}

/** One idea and its path, as the public reads them; null when there is none. */
export async function publicIdeaPath(db: Db, vault: PersonalData, ideaId: string): Promise<{ idea: PublicIdea; path: IdeaPathStep[] } | null> {
  const idea = await ideaById(db as unknown as Kysely<IdeaTables>, ideaId);
  if (!idea) return null;
  const [shownIdea] = await shown(db, vault, [idea], idea.answer?.lineId ? await publicLines(db, idea.budgetId) : new Map());
  return { idea: shownIdea!, path: await ideaPath(db as unknown as Kysely<IdeaTables>, ideaId) };
}
