/**
 * What the board's pages share (board.ts, board-meeting.ts, board-proposals.ts, board-minutes.ts
 * and the budgets' pages): a form's state when it is shown again, a form's reading, the names of
 * budgets and lines, who keeps a meeting's record, and the notice after a command went through.
 */
import { BOARD_ROLES, type BoardRole } from '../../domain/board/board.js';
import type { BoardView, MeetingView } from '../../projections/board/queries.js';
import type { BudgetView } from '../../projections/budgets/replay.js';
import { alert, type FieldError } from '../components.js';
import { type Lang, type Message, say } from '../i18n.js';
import { accountLabel, budgetNameInText, seatName } from './board-parts.js';

/** What a form sent, kept when the page is shown again with its refusals. */
export interface FormState {
  values: Readonly<Record<string, string | readonly string[]>>;
  errors: readonly FieldError[];
}
export const NO_FORM: FormState = { values: {}, errors: [] };
/** A text field's value as the form sent it, if it did. */
export const valueOf = (form: FormState, field: string) => {
  const v = form.values[field];
  return typeof v === 'string' ? v : undefined;
};

/** A form read: its value, or the refusals naming each field. */
export type Read<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };
export const fail = <T>(errors: FieldError[]): Read<T> => ({ ok: false, errors });

/** The role a member holds on the board, if any. */
export const roleOf = (board: BoardView, memberId: string | null) => (Object.entries(board.roles) as [BoardRole, string][]).find(([, id]) => id === memberId)?.[0];

/** Whether the member is the chair, vice-chair or secretary: those who keep a meeting's record (its minutes, recusals declared for others). */
export const keepsRecord = (board: BoardView, memberId: string) => BOARD_ROLES.some((role) => board.roles[role] === memberId);

/** The members sitting now, and the deputies who may take an absent member's seat, as choices. */
export const sittingChoices = (lang: Lang, board: BoardView) => [
  ...board.seats.filter((s) => s.memberId).map((s) => ({ value: s.memberId!, label: s.memberId!, hint: seatName(lang, s) })),
  // Deputies, each for the seat whose member is absent.
  ...board.seats.filter((s) => s.deputyId).map((s) => ({ value: s.deputyId!, label: s.deputyId!, hint: say(lang, { da: 'suppleant, {seat}', en: 'deputy, {seat}' }, { seat: seatName(lang, s) }) })),
];

/**
 * A member or deputy as the minutes name them: by the name they published, with their place on
 * the board. Without a published name the board's own pages show their id; the public sees only
 * their place (the employee seat, a partner's seat, a deputy's), never an id.
 */
export function memberLabel(lang: Lang, board: BoardView, id: string, o: { insider: boolean; meeting?: Pick<MeetingView, 'deputising'> }): string {
  const name = Object.hasOwn(board.names, id) ? board.names[id] : undefined;
  const seat = board.seats.find((s) => s.memberId === id);
  const deputyFor = o.meeting && Object.hasOwn(o.meeting.deputising, id) ? board.seats.find((s) => s.seatId === o.meeting!.deputising[id]) : board.seats.find((s) => s.deputyId === id);
  const place = seat ? seatName(lang, seat) : deputyFor ? say(lang, { da: 'suppleant, {seat}', en: 'deputy, {seat}' }, { seat: seatName(lang, deputyFor) }) : null;
  const known = name ?? (o.insider ? id : null);
  if (known !== null) return place ? `${known} (${place})` : known;
  return place ?? say(lang, { da: 'et tidligere medlem', en: 'a former member' });
}

/** Names for the budgets and lines a resolution may name. */
export function namesOf(lang: Lang, budgets: readonly BudgetView[]) {
  const budgetNames = new Map(budgets.map((b) => [b.budgetId, budgetNameInText(lang, b)]));
  const lineNames = new Map(budgets.flatMap((b) => b.lines.map((l) => [l.lineId, `${accountLabel(l.financeAccount)} ${l.description}`] as const)));
  return { budgetNames, lineNames };
}
export type Names = ReturnType<typeof namesOf>;

/** What the page says once a command went through (`?ok=`). */
export const OK_MESSAGES = {
  left: { da: 'Du er udtrådt af bestyrelsen.', en: 'You have left the board.' },
  convened: { da: 'Mødet er indkaldt.', en: 'The meeting is convened.' },
  attendance: { da: 'Fremmødet er registreret.', en: 'Attendance is recorded.' },
  departure: { da: 'Det er registreret, at medlemmet forlod mødet.', en: 'It is recorded that the member left the meeting.' },
  proposed: { da: 'Forslaget er sat til afstemning.', en: 'The proposal is open for voting.' },
  voted: { da: 'Din stemme er registreret.', en: 'Your vote is recorded.' },
  decided: { da: 'Afstemningen er gjort op.', en: 'The votes are counted.' },
  dissented: { da: 'Din afvigende mening er tilført referatet.', en: 'Your dissent is recorded in the minutes.' },
  signed: { da: 'Du har underskrevet referatet.', en: 'You have signed the minutes.' },
  minuted: { da: 'Referatet af punktet er gemt.', en: 'The item’s minutes are saved.' },
  recused: { da: 'Inhabiliteten er registreret.', en: 'The disqualification is recorded.' },
  publication: { da: 'Det er registreret, hvad forretningsordenen siger om stemmerne.', en: 'What the rules of procedure say of the votes is recorded.' },
} satisfies Record<string, Message>;
export type BoardOk = keyof typeof OK_MESSAGES;
export const isBoardOk = (value: unknown): value is BoardOk => typeof value === 'string' && Object.hasOwn(OK_MESSAGES, value);
export const okAlert = (lang: Lang, ok: BoardOk | undefined) => (ok ? alert('success', say(lang, OK_MESSAGES[ok])) : null);
