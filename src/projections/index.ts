import type { Projection } from './engine/projection.js';
import { centresProjection } from './centres/projection.js';
import { erasuresProjection } from './erasures/projection.js';
import { journeysProjection } from './journeys/projection.js';

/** Every read model the app runs. */
export const projections: readonly Projection[] = [centresProjection, erasuresProjection, journeysProjection];
