import type { Projection } from '../engine/projection.js';

/** The studies registered, and the researchers who may receive their exports. */
export const studiesProjection: Projection = {
  name: 'studies',
  version: 1,
  mode: 'async',
  tables: [],
  handles: [],
  async apply() {},
};
