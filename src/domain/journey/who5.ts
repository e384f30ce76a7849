/**
 * The WHO-5 Well-Being Index (WHO-Five, 1998 version): five statements about the last two weeks,
 * each answered on six steps from 5 ("All of the time", "Hele tiden") to 0 ("At no time", "På
 * intet tidspunkt"). The raw score is the sum (0–25); the percentage score is the raw score × 4
 * (0–100). Developed by the WHO Collaborating Centre in Mental Health, Psychiatric Research Unit,
 * Mental Health Centre North Zealand (Psykiatrisk Center Nordsjælland), Hillerød; free to use
 * without permission, its wording unchanged (https://www.psykiatri-regionh.dk/who-5/). Its
 * words in Danish and English are WHO5_WORDING in src/i18n/records.ts.
 *
 * Here only what the rules need: how many items, which scores an item may have, and the scoring.
 */

/** The five statements, in the instrument's order (the scores are given in this order). */
export const WHO5_ITEMS = ['cheerful', 'calm', 'active', 'rested', 'interested'] as const;
export type Who5Item = (typeof WHO5_ITEMS)[number];

/** An item's score: a whole number from 0 (at no time) to 5 (all of the time). */
export const WHO5_SCORE = { min: 0, max: 5 } as const;

/** The six answers' scores, from "All of the time" (5) down to "At no time" (0), as the form lists them. */
export const WHO5_ANSWERS = [5, 4, 3, 2, 1, 0] as const;

/** Whether a value is an item's score: a whole number 0–5. */
export const isWho5Score = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= WHO5_SCORE.min && value <= WHO5_SCORE.max;

/** The raw score: the sum of the five items' scores, 0–25. */
export const who5Raw = (scores: readonly number[]): number => scores.reduce((sum, s) => sum + s, 0);

/** The percentage score: the raw score × 4, 0–100. */
export const who5Percentage = (scores: readonly number[]): number => who5Raw(scores) * 4;
