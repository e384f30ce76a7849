import type { WebArea } from './shared.js';

/** Studies (issue 12): the administrator registers them; a researcher granted access downloads their exports. */
export const studiesArea: WebArea = {
  segments: [],
  register() {},
};
