/**
 * Check 13: citizens' ideas for the development budget are counted right, from the log alone. An
 * idea is proposed by the citizen it names, in their own words sealed under their own key; a
 * support is given or taken back by the citizen it names, once, never for their own idea, and only
 * while the idea is open; a support ends by erasure only as an administrator's act for a citizen
 * whose data the log shows erased; an idea is withdrawn only by its proposer; the board's answer is
 * a board member's, once, names a resolution its board adopted and (taken in) a line of the idea's
 * budget or (not) a reason, and records exactly the supports the idea had.
 */
import type { StoredEvent } from '../canonical.js';
import { check, type Data, type EventChecks, type Meta, violation as v } from './types.js';

interface Idea {
  centreId: string;
  budgetId: string;
  proposerId: string;
  status: 'open' | 'withdrawn' | 'answered';
  supporters: Set<string>;
}

/** The idea events, and those of other streams an answer or an erasure rests on. */
const IDEA_TYPES = new Set(['IdeaProposed', 'IdeaSupported', 'IdeaSupportWithdrawn', 'IdeaSupportErased', 'IdeaWithdrawn', 'IdeaAnswered']);

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const sealedUnder = (value: unknown, subject: unknown) => isObject(value) && value.$sealed === 'v1' && value.s === subject;

export function ideaChecks(): EventChecks {
  const ideas = check(
    13,
    'citizens’ ideas are counted right: proposed, supported, taken back and withdrawn by the citizen each names, never one’s own idea, only while open; a support ends by erasure only for a citizen erased; the board answers once, by an adopted resolution, with the line it became or the reason, and the supports it had',
  );
  const byStream = new Map<string, Idea>();
  /** Adopted resolutions, by board stream; lines ever proposed, by budget stream; citizens erased. */
  const adopted = new Map<string, Set<string>>();
  const lines = new Map<string, Set<string>>();
  const erased = new Set<string>();
  /** Supports ended by erasure, each to be matched by the citizen's erasure somewhere in the log. */
  const erasures: { e: StoredEvent; citizenId: string }[] = [];

  const add = (map: Map<string, Set<string>>, key: string, value: unknown) => {
    if (typeof value !== 'string') return;
    if (!map.has(key)) map.set(key, new Set());
    map.get(key)!.add(value);
  };
  const asCitizen = (meta: Meta, id: unknown) => meta.actor?.role === 'citizen' && typeof id === 'string' && meta.actor.id === id;

  function onIdea(e: StoredEvent, d: Data, meta: Meta): void {
    ideas.examined++;
    if (typeof d.ideaId !== 'string' || e.stream !== `idea-${d.ideaId}`) return v(ideas, e, 'an idea event outside its idea’s stream');
    const idea = byStream.get(e.stream);
    if (e.type === 'IdeaProposed') {
      if (idea) return v(ideas, e, 'an idea proposed a second time');
      if (!asCitizen(meta, d.proposerId)) v(ideas, e, 'an idea proposed by someone other than the citizen it names');
      if (!sealedUnder(d.title, d.proposerId) || !sealedUnder(d.description, d.proposerId)) v(ideas, e, 'an idea’s words are not sealed under its proposer’s key (erasing them would not erase the words)');
      byStream.set(e.stream, { centreId: String(d.centreId), budgetId: String(d.budgetId), proposerId: String(d.proposerId), status: 'open', supporters: new Set() });
      return;
    }
    if (!idea) return v(ideas, e, `${e.type} for an idea never proposed`);
    if (idea.status !== 'open') return v(ideas, e, `${e.type} for an idea already ${idea.status}`);
    switch (e.type) {
      case 'IdeaSupported':
        if (!asCitizen(meta, d.citizenId)) v(ideas, e, 'a support given by someone other than the citizen it names');
        if (d.citizenId === idea.proposerId) v(ideas, e, 'a support for one’s own idea');
        if (idea.supporters.has(d.citizenId)) v(ideas, e, 'a second support by the same citizen');
        idea.supporters.add(d.citizenId);
        break;
      case 'IdeaSupportWithdrawn':
        if (!asCitizen(meta, d.citizenId)) v(ideas, e, 'a support taken back by someone other than the citizen it names');
        if (!idea.supporters.delete(d.citizenId)) v(ideas, e, 'a support taken back that was never given');
        break;
      case 'IdeaSupportErased':
        if (meta.actor?.role !== 'admin') v(ideas, e, 'a support ended by erasure other than by an administrator');
        if (!idea.supporters.delete(d.citizenId)) v(ideas, e, 'a support ended by erasure that was never given');
        erasures.push({ e, citizenId: String(d.citizenId) });
        break;
      case 'IdeaWithdrawn':
        if (!asCitizen(meta, idea.proposerId)) v(ideas, e, 'an idea withdrawn by someone other than its proposer');
        idea.status = 'withdrawn';
        break;
      case 'IdeaAnswered': {
        if (meta.actor?.role !== 'board_member' || meta.centreId !== idea.centreId) v(ideas, e, 'an answer not by a member of the idea’s centre’s board');
        if (!adopted.get(`board-${idea.centreId}`)?.has(d.resolutionId)) v(ideas, e, 'an answer naming no resolution its board adopted');
        if (d.supports !== idea.supporters.size) v(ideas, e, `the answer records ${JSON.stringify(d.supports)} supports; the idea had ${idea.supporters.size}`);
        if (d.answer === 'taken_in') {
          if (d.reason !== null || !lines.get(`budget-${idea.budgetId}`)?.has(d.lineId)) v(ideas, e, 'an idea taken in without a line of its budget (or with a reason)');
        } else if (d.answer === 'not_taken_in') {
          if (d.lineId !== null || typeof d.reason !== 'string' || d.reason.trim() === '') v(ideas, e, 'an idea not taken in without a reason (or with a line)');
        } else v(ideas, e, 'an answer that is neither taken in nor not');
        idea.status = 'answered';
        break;
      }
      default:
        break;
    }
  }

  return {
    checks: [ideas],
    onEvent(e: StoredEvent, d: Data, meta: Meta) {
      if (IDEA_TYPES.has(e.type)) return onIdea(e, d, meta);
      if (e.type === 'ResolutionAdopted') add(adopted, e.stream, d.resolutionId);
      else if (e.type === 'BudgetLineProposed') add(lines, e.stream, d.lineId);
      else if (e.type === 'CitizenErased' && typeof d.citizenId === 'string') erased.add(d.citizenId);
    },
    finish() {
      // An erasure's support ends in the same process as the journey's CitizenErased, in either order.
      for (const { e, citizenId } of erasures) if (!erased.has(citizenId)) v(ideas, e, 'a support ended by erasure for a citizen the log never shows erased');
    },
  };
}
