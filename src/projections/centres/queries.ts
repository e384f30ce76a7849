import type { Kysely } from 'kysely';
import type { OpeningHours } from '../../domain/centre/centre.js';

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

interface Row {
  centre_id: string;
  municipality_code: string;
  municipality_name: string;
  name: string;
  opening_hours: OpeningHours;
  established_at: Date;
  updated_at: Date;
  version: string;
}

const toView = (r: Row): CentreView => ({
  centreId: r.centre_id,
  municipality: { code: r.municipality_code, name: r.municipality_name },
  name: r.name,
  openingHours: r.opening_hours,
  establishedAt: r.established_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  version: Number(r.version),
});

export async function listCentres(db: Kysely<any>, filter: { municipalityCode?: string } = {}): Promise<CentreView[]> {
  let query = db.withSchema('rm').selectFrom('centres').selectAll();
  if (filter.municipalityCode) query = query.where('municipality_code', '=', filter.municipalityCode);
  const rows = (await query.orderBy('municipality_code').orderBy('name').orderBy('centre_id').execute()) as Row[];
  return rows.map(toView);
}

export async function getCentre(db: Kysely<any>, centreId: string): Promise<CentreView | null> {
  const row = (await db.withSchema('rm').selectFrom('centres').selectAll().where('centre_id', '=', centreId).executeTakeFirst()) as Row | undefined;
  return row ? toView(row) : null;
}
