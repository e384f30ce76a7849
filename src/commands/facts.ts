/**
 * Facts a decider needs from elsewhere, read at the edge of the command path and passed in with
 * the command: whether a centre exists, whether a board member holds a seat on its board, a
 * centre's in-person opening hours, the budget a board resolution names, and for budget commands
 * the actor's seat and the resolution they name.
 */
import { agreementDecider } from '../domain/agreement/decide.js';
import { agreementStreamId, currentTerms, inForceOn } from '../domain/agreement/agreement.js';
import { boardStreamId, deputySeatOf, seatOf } from '../domain/board/board.js';
import { boardDecider, type BudgetFact, budgetFactOf } from '../domain/board/decide.js';
import { budgetStreamId } from '../domain/budget/budget.js';
import { budgetDecider, type ClosedAccountsFact, closedAccountsOf, type ResolutionFact } from '../domain/budget/decide.js';
import { catalogueOfferStreamId } from '../domain/catalogue/catalogue.js';
import { catalogueDecider, type AgreementFact } from '../domain/catalogue/decide.js';
import { centreStreamId, type OpeningHours } from '../domain/centre/centre.js';
import { inCopenhagen } from '../domain/journey/hours.js';
import type { CatalogueOfferFact } from '../domain/journey/decide-sharing.js';
import { partnerStreamId } from '../domain/partner/partner.js';
import { own } from '../domain/shared/checks.js';
import type { Principal } from '../domain/shared/principal.js';
import type { EventStore } from '../eventstore/port.js';
import { loadState } from './handler.js';

/** The facts routes gather for commands, without reaching the event store themselves. */
export interface Facts {
  /** Whether the centre was established. */
  centreKnown(centreId: string): Promise<boolean>;
  /** Whether a board member holds a seat on the centre's board now (false for every other role). */
  sitsOnBoard(centreId: string, principal: Principal | undefined): Promise<boolean>;
  /** Whether a board member holds a seat on the centre's board now, or is a seat's deputy: who reads the board's open business. */
  onBoard(centreId: string, principal: Principal | undefined): Promise<boolean>;
  /** The centre's in-person opening hours (null: none known). */
  openingHoursOf(centreId: string): Promise<OpeningHours | null>;
  /** The budget a board resolution names, as its stream holds it (null: no such budget). */
  budgetNamed(budgetId: string): Promise<BudgetFact | null>;
  /** Last year's budget a carry-over draws on, as its stream holds it (null: no such budget). */
  closedAccounts(budgetId: string): Promise<ClosedAccountsFact | null>;
  /**
   * For a budget command: whether the acting board member sits on the budget's centre's board
   * now, and the resolution the command names (if any), each stream read once.
   */
  budgetStanding(principal: Principal | undefined, of: { budgetId: string } | { centreId: string }, resolutionId?: string): Promise<BudgetStanding>;
  /** Whether the partner was registered. */
  partnerKnown(partnerId: string): Promise<boolean>;
  /** The agreement, as its stream holds it, and where it stands on `now`'s Copenhagen date (null: no such agreement). */
  agreementFact(agreementId: string, now: string): Promise<AgreementFact | null>;
  /** The catalogue offer, and whether it is in the catalogue at `now` (null: no such offer). */
  catalogueOfferFact(catalogueOfferId: string, now: string): Promise<CatalogueOfferFact | null>;
  /** The centres the partner has an agreement in force with at `now`: the partner is in their network. */
  partnerCentresInForce(partnerId: string, now: string): Promise<string[]>;
  /** The activities the citizen holds a place (or a place in line) in and the groups they are a member of, from read models. */
  heldBy(citizenId: string): Promise<Holdings>;
}

/** What an erasure ends besides the journey (each then decided from its own stream). */
export interface Holdings {
  activityIds: readonly string[];
  groupIds: readonly string[];
  /** The ideas for a development budget the citizen proposed (their words, sealed under their key) or supports (a support the erasure ends while the idea is open). */
  ideaIds?: readonly string[];
}

/** Where the facts find a partner's agreements: their ids, from the catalogue's read model (each then read from its own stream). */
export type AgreementIdsOf = (partnerId: string) => Promise<readonly string[]>;

/** What a budget command needs from the board: the actor's seat, and the resolution it names. */
export interface BudgetStanding {
  actorSits: boolean;
  resolution: ResolutionFact | null;
}

/** The facts: existence and seats from the streams they live in, opening hours from the centres' read model. */
export function commandFacts(
  store: EventStore,
  openingHoursOf: Facts['openingHoursOf'],
  agreementIdsOf: AgreementIdsOf = async () => [],
  heldBy: Facts['heldBy'] = async () => ({ activityIds: [], groupIds: [] }),
): Facts {
  return {
    heldBy,
    centreKnown: (centreId) => centreKnown(store, centreId),
    sitsOnBoard: (centreId, principal) => sitsOnBoard(store, centreId, principal),
    onBoard: (centreId, principal) => onBoard(store, centreId, principal),
    openingHoursOf,
    budgetNamed: (budgetId) => budgetNamed(store, budgetId),
    budgetStanding: (principal, of, resolutionId) => budgetStanding(store, principal, of, resolutionId),
    closedAccounts: async (budgetId) => closedAccountsOf((await loadState(store, budgetDecider, budgetStreamId(budgetId))).state),
    partnerKnown: async (partnerId) => (await store.readStream(partnerStreamId(partnerId), { maxCount: 1 }))[0]?.type === 'PartnerRegistered',
    agreementFact: (agreementId, now) => agreementFact(store, agreementId, now),
    catalogueOfferFact: (catalogueOfferId, now) => catalogueOfferFact(store, catalogueOfferId, now),
    partnerCentresInForce: async (partnerId, now) => {
      // The read model names the agreements; each stream says, now, whether it is in force (a
      // termination a moment ago counts; an agreement signed a moment ago may not count yet).
      const facts = await Promise.all((await agreementIdsOf(partnerId)).map((id) => agreementFact(store, id, now)));
      return [...new Set(facts.filter((f) => f?.partnerId === partnerId && f.standing === 'in_force').map((f) => f!.centreId))];
    },
  };
}

/**
 * An agreement from its own stream: whose, the kinds it covers, and whether it is in force on the
 * date, starts later, or has ended (terminated, or past its end date).
 */
async function agreementFact(store: EventStore, agreementId: string, now: string): Promise<AgreementFact | null> {
  const { state } = await loadState(store, agreementDecider, agreementStreamId(agreementId));
  if (state.status === 'none') return null;
  const terms = currentTerms(state);
  const today = inCopenhagen(new Date(now)).date;
  const standing = inForceOn(state, today) ? 'in_force' : state.status === 'signed' && today < terms.startDate ? 'not_yet' : 'ended';
  return { agreementId, partnerId: state.partnerId, centreId: state.centreId, offerKinds: terms.offerKinds, standing };
}

/**
 * A catalogue offer from its stream, and whether it is listed now: published, and the centre's own
 * or under an agreement in force today. Both streams are read at the moment of the command: an
 * agreement that ended a moment ago lists nothing.
 */
async function catalogueOfferFact(store: EventStore, catalogueOfferId: string, now: string): Promise<CatalogueOfferFact | null> {
  const { state } = await loadState(store, catalogueDecider, catalogueOfferStreamId(catalogueOfferId));
  if (state.status === 'none') return null;
  let listed = state.status === 'published';
  if (listed && state.agreementId !== null) {
    // In force, and still covering the offer's kind: an amendment may have dropped it.
    const agreement = await agreementFact(store, state.agreementId, now);
    listed = agreement?.standing === 'in_force' && agreement.offerKinds.includes(state.kind);
  }
  return { catalogueOfferId, centreId: state.centreId, partnerId: state.partnerId, kind: state.kind, listed };
}

/** Whether the centre was established (its stream begins with CentreEstablished). */
async function centreKnown(store: EventStore, centreId: string): Promise<boolean> {
  const [first] = await store.readStream(centreStreamId(centreId), { maxCount: 1 });
  return first?.type === 'CentreEstablished';
}

/** Whether a board member holds a seat on the centre's board now (false for every other role). */
async function sitsOnBoard(store: EventStore, centreId: string, principal: Principal | undefined): Promise<boolean> {
  if (principal?.role !== 'board_member') return false;
  const { state } = await loadState(store, boardDecider, boardStreamId(centreId));
  return state.status === 'constituted' && seatOf(state, principal.id) !== undefined;
}

/** Whether a board member holds a seat on the centre's board now, or is deputy for one. */
async function onBoard(store: EventStore, centreId: string, principal: Principal | undefined): Promise<boolean> {
  if (principal?.role !== 'board_member') return false;
  const { state } = await loadState(store, boardDecider, boardStreamId(centreId));
  return state.status === 'constituted' && (seatOf(state, principal.id) !== undefined || deputySeatOf(state, principal.id) !== undefined);
}

/** The budget a resolution names, from the budget's own stream: its centre, status, version, years and live lines. */
async function budgetNamed(store: EventStore, budgetId: string): Promise<BudgetFact | null> {
  const { state } = await loadState(store, budgetDecider, budgetStreamId(budgetId));
  return budgetFactOf(state);
}

/**
 * The actor's seat and the named resolution, from the board's stream (the budget's stream first
 * when only the budget is known, for its centre). Neither is read when neither is asked about.
 */
async function budgetStanding(store: EventStore, principal: Principal | undefined, of: { budgetId: string } | { centreId: string }, resolutionId?: string): Promise<BudgetStanding> {
  if (principal?.role !== 'board_member' && !resolutionId) return { actorSits: false, resolution: null };
  let centreId = 'centreId' in of ? of.centreId : null;
  if (!centreId && 'budgetId' in of) {
    const { state: budget } = await loadState(store, budgetDecider, budgetStreamId(of.budgetId));
    centreId = budget.status === 'none' ? null : budget.centreId;
  }
  if (!centreId) return { actorSits: false, resolution: null };
  const { state: board } = await loadState(store, boardDecider, boardStreamId(centreId));
  if (board.status !== 'constituted') return { actorSits: false, resolution: null };
  const actorSits = principal?.role === 'board_member' && seatOf(board, principal.id) !== undefined;
  const found = resolutionId ? own(board.resolutions, resolutionId) : undefined;
  return { actorSits, resolution: found ? { resolutionId: found.resolutionId, centreId, status: found.status, subject: found.subject } : null };
}
