import type { Kysely, Selectable } from 'kysely';
import type { OpeningHours } from '../../domain/centre/centre.js';
import type { CentreTables } from './tables.js';

/** A centre as the API shows it. */
export interface CentreView {
  centreId: string;
  municipality: { code: string; name: string };
  name: string;
  openingHours: OpeningHours;
  establishedAt: string;
  updatedAt: string;
  version: number;
}

const toView = (r: Selectable<CentreTables['centres']>): CentreView => ({
  centreId: r.centre_id,
  municipality: { code: r.municipality_code, name: r.municipality_name },
  name: r.name,
  openingHours: r.opening_hours,
  establishedAt: r.established_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  version: Number(r.version),
});

export async function listCentres(db: Kysely<CentreTables>, filter: { municipalityCode?: string } = {}): Promise<CentreView[]> {
  let query = db.withSchema('rm').selectFrom('centres').selectAll();
  if (filter.municipalityCode) query = query.where('municipality_code', '=', filter.municipalityCode);
  const rows = await query.orderBy('municipality_code').orderBy('name').orderBy('centre_id').execute();
  return rows.map(toView);
}

export async function getCentre(db: Kysely<CentreTables>, centreId: string): Promise<CentreView | null> {
  const row = await db.withSchema('rm').selectFrom('centres').selectAll().where('centre_id', '=', centreId).executeTakeFirst();
  return row ? toView(row) : null;
}
