import type { Projection } from './engine/projection.js';
import { auditSealer } from '../audit/sealer.js';
import type { AuditKey } from '../audit/signing.js';
import { budgetsProjection } from './budgets/projection.js';
import { centresProjection } from './centres/projection.js';
import { erasuresProjection } from './erasures/projection.js';
import { journeysProjection } from './journeys/projection.js';

/** Every read model the app runs. */
export const projections: readonly Projection[] = [centresProjection, erasuresProjection, journeysProjection, budgetsProjection];

/** Every projection the app runs: the read models and the audit log's sealer. */
export function appProjections(auditKey: AuditKey, sealing: { every: number; everyMs: number }): readonly Projection[] {
  return [...projections, auditSealer(auditKey, sealing)];
}
