import type { Projection } from './engine/projection.js';
import { budgetsProjection } from './budgets/projection.js';
import { centresProjection } from './centres/projection.js';
import { erasuresProjection } from './erasures/projection.js';
import { journeysProjection } from './journeys/projection.js';
import { boardProjection } from './board/projection.js';
import { calendarsProjection } from './calendars/projection.js';
import { spokespersonProjection } from './spokesperson/projection.js';
import { researchProjection } from './research/projection.js';
import { studiesProjection } from './studies/projection.js';
import { referralsProjection } from './referrals/projection.js';
import { catalogueProjection } from './catalogue/projection.js';
import { activitiesProjection } from './activities/projection.js';
import { groupsProjection } from './groups/projection.js';
import { venturesProjection } from './ventures/projection.js';
import { ideasProjection } from './ideas/projection.js';

/**
 * Every read model the app runs. The composition roots (src/server.ts, the CLI) run the audit
 * log's sealer beside them; it is not a read model, and the read models know nothing of audit.
 */
export const projections: readonly Projection[] = [centresProjection, erasuresProjection, journeysProjection, budgetsProjection, boardProjection, spokespersonProjection, calendarsProjection, researchProjection, studiesProjection, catalogueProjection, activitiesProjection, groupsProjection, venturesProjection, referralsProjection, ideasProjection];

