/** The staff pages (being built: issue 11). */
import type { FastifyInstance } from 'fastify';
import type { WebArea, WebOptions } from './shared.js';

export const staffArea: WebArea = {
  segments: ['medarbejder'],
  register(_app: FastifyInstance, _options: WebOptions) {},
};
