import type { Projection } from '../engine/projection.js';

/** The facts of journeys that the indicators and the studies' exports read (src/research/facts.ts). */
export const researchProjection: Projection = {
  name: 'research',
  version: 1,
  mode: 'async',
  tables: [],
  handles: [],
  async apply() {},
};
