// The ordered list of migrations. Names sort in the order they run; never rename or edit one.
import type { Migration } from 'kysely';
import * as m0001 from './0001_event_store.js';
import * as m0002 from './0002_centres_v1.js';
import * as m0003 from './0003_subject_keys.js';
import * as m0004 from './0004_erasures_v1.js';
import * as m0005 from './0005_journeys_v1.js';
import * as m0006 from './0006_audit.js';
import * as m0007 from './0007_budgets_v1.js';
import * as m0008 from './0008_app_role.js';
import * as m0009 from './0009_journeys_v2.js';
import * as m0010 from './0010_events_own_time.js';
import * as m0011 from './0011_installation_keys.js';
import * as m0012 from './0012_board_v1.js';
import * as m0013 from './0013_spokesperson_v1.js';
import * as m0014 from './0014_calendars_v1.js';
import * as m0015 from './0015_journeys_v3.js';
import * as m0016 from './0016_web_sessions_ended.js';
import * as m0017 from './0017_journey_references.js';
import * as m0018 from './0018_research_v1.js';
import * as m0019 from './0019_studies_v1.js';
import * as m0020 from './0020_catalogue_v1.js';
import * as m0021 from './0021_activities_v1.js';
import * as m0022 from './0022_groups_v1.js';
import * as m0023 from './0023_ventures_v1.js';
import * as m0024 from './0024_referrals_v1.js';
import * as m0025 from './0025_calendars_v2.js';
import * as m0026 from './0026_board_v2.js';
import * as m0027 from './0027_board_v3.js';
import * as m0028 from './0028_board_v4.js';
import * as m0029 from './0029_ideas.js';

export const migrations: Record<string, Migration> = {
  '0001_event_store': m0001,
  '0002_centres_v1': m0002,
  '0003_subject_keys': m0003,
  '0004_erasures_v1': m0004,
  '0005_journeys_v1': m0005,
  '0006_audit': m0006,
  '0007_budgets_v1': m0007,
  '0008_app_role': m0008,
  '0009_journeys_v2': m0009,
  '0010_events_own_time': m0010,
  '0011_installation_keys': m0011,
  '0012_board_v1': m0012,
  '0013_spokesperson_v1': m0013,
  '0014_calendars_v1': m0014,
  '0015_journeys_v3': m0015,
  '0016_web_sessions_ended': m0016,
  '0017_journey_references': m0017,
  '0018_research_v1': m0018,
  '0019_studies_v1': m0019,
  '0020_catalogue_v1': m0020,
  '0021_activities_v1': m0021,
  '0022_groups_v1': m0022,
  '0023_ventures_v1': m0023,
  '0024_referrals_v1': m0024,
  '0025_calendars_v2': m0025,
  '0026_board_v2': m0026,
  '0027_board_v3': m0027,
  '0028_board_v4': m0028,
  '0029_ideas': m0029,
};
