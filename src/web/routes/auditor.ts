/** The auditor pages (being built: issue 11). */
import type { FastifyInstance } from 'fastify';
import type { WebArea, WebOptions } from './shared.js';

export const auditorArea: WebArea = {
  segments: ['revision'],
  register(_app: FastifyInstance, _options: WebOptions) {},
};
