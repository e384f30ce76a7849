import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENTRE_EVENT_SCHEMA_VERSIONS, CLOSED_ALL_WEEK } from '../../src/domain/centre/centre.js';
import { centresProjection } from '../../src/projections/centres/projection.js';
import { getCentre } from '../../src/projections/centres/queries.js';
import { EventLog, projectionSpecs } from '../support/projection-spec.js';
import { boardAndCalendarEvents, budgetHistory, centreHistory, weekdayHours } from './histories.js';

const specs = projectionSpecs(centresProjection);
beforeAll(specs.setUp);
afterAll(specs.tearDown);

const establishedRow = (centreId: string) => ({
  centre_id: centreId,
  municipality_code: '101',
  municipality_name: 'København',
  name: 'Virkelyst Nørrebro',
  opening_hours: CLOSED_ALL_WEEK,
  established_at: new Date('2026-11-02T09:00:00.000+01:00'),
  updated_at: new Date('2026-11-02T09:00:00.000+01:00'),
  version: '1',
});

describe('centres read model', () => {
  it('handles exactly the centre events', () => {
    expect([...(centresProjection.handles === 'all' ? [] : centresProjection.handles)].sort()).toEqual(Object.keys(CENTRE_EVENT_SCHEMA_VERSIONS).sort());
  });

  it('CentreEstablished adds the centre with its municipality named', async () => {
    const spec = await specs.fresh();
    const centre = centreHistory(new EventLog());
    await spec.given([centre.established]);
    expect(await spec.rows('centres')).toEqual([establishedRow(centre.centreId)]);
  });

  it('CentreRenamed changes the name, when it happened and the stream version', async () => {
    const spec = await specs.fresh();
    const centre = centreHistory(new EventLog());
    await spec.given([centre.established, centre.renamed]);
    expect(await spec.rows('centres')).toEqual([
      { ...establishedRow(centre.centreId), name: 'Mulighedernes Hus Nørrebro', updated_at: new Date('2026-11-03T10:15:00.000+01:00'), version: '2' },
    ]);
  });

  it('CentreOpeningHoursSet changes the opening hours', async () => {
    const spec = await specs.fresh();
    const centre = centreHistory(new EventLog());
    await spec.given([centre.established, centre.renamed, centre.hoursSet]);
    expect(await spec.rows('centres')).toEqual([
      {
        ...establishedRow(centre.centreId),
        name: 'Mulighedernes Hus Nørrebro',
        opening_hours: weekdayHours,
        updated_at: new Date('2026-11-04T08:30:00.000+01:00'),
        version: '3',
      },
    ]);
  });

  it('through its queries: the centre as the API shows it', async () => {
    const spec = await specs.fresh();
    const centre = centreHistory(new EventLog());
    await spec.given(centre.all);
    await spec.serve();
    expect(await getCentre(spec.db, centre.centreId)).toEqual({
      centreId: centre.centreId,
      municipality: { code: '101', name: 'København' },
      name: 'Mulighedernes Hus Nørrebro',
      openingHours: weekdayHours,
      establishedAt: '2026-11-02T08:00:00.000Z',
      updatedAt: '2026-11-04T07:30:00.000Z',
      version: 3,
    });
  });

  it('keeps centres apart: one row each', async () => {
    const spec = await specs.fresh();
    const log = new EventLog();
    const a = centreHistory(log);
    const b = centreHistory(log);
    await spec.given([a.established, b.established, a.renamed]);
    const rows = await spec.rows('centres');
    expect(rows.map((r) => [r['centre_id'], r['name']]).sort()).toEqual(
      [
        [a.centreId, 'Mulighedernes Hus Nørrebro'],
        [b.centreId, 'Virkelyst Nørrebro'],
      ].sort(),
    );
  });

  it('ignores every event it does not handle, interleaved with those it does', async () => {
    const log = new EventLog();
    const centre = centreHistory(log);
    const budget = budgetHistory(log, centre.centreId);
    const others = [...budget.all, ...boardAndCalendarEvents(log, centre.centreId)];
    const only = await specs.fresh();
    await only.given([centre.established, centre.renamed, centre.hoursSet]);
    const mixed = await specs.fresh();
    await mixed.given([centre.established, ...others.slice(0, 3), centre.renamed, ...others.slice(3), centre.hoursSet]);
    expect(await mixed.rows('centres')).toEqual(await only.rows('centres'));
    const none = await specs.fresh();
    await none.given(others);
    expect(await none.rows('centres')).toEqual([]);
  });

  it('gives the same rows however the events are split into batches', async () => {
    const log = new EventLog();
    const a = centreHistory(log);
    const b = centreHistory(log);
    const rows = await specs.expectSameRowsForEverySplit([a.established, b.established, a.renamed, b.hoursSet, a.hoursSet, b.renamed]);
    expect(rows['centres']).toHaveLength(2);
  });
});
