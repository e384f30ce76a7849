import type { WebArea } from './shared.js';

/** The researcher's pages (issue 12): the indicators beside the baseline, and the studies' exports. */
export const researchArea: WebArea = {
  segments: ['forskning'],
  register() {},
};
