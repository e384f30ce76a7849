/** The board pages (being built: issue 11). */
import type { FastifyInstance } from 'fastify';
import type { WebArea, WebOptions } from './shared.js';

export const boardArea: WebArea = {
  segments: ['bestyrelse'],
  register(_app: FastifyInstance, _options: WebOptions) {},
};
