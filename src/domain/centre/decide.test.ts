import { describe, expect, it } from 'vitest';
import { given } from '../../../test/support/given.js';
import { Conflict, Forbidden, InvalidValue, NotFound } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { CLOSED_ALL_WEEK, type CentreEvent, type OpeningHours } from './centre.js';
import { centreDecider } from './decide.js';
import { MUNICIPALITIES, municipalityByCode } from './municipalities.js';

const centreId = '0190f5f0-0000-7000-8000-000000000001';
const otherCentre = '0190f5f0-0000-7000-8000-000000000002';
const now = '2026-11-22T09:00:00.000+01:00';
const admin: Principal = { id: 'a', role: 'admin' };
const board: Principal = { id: 'b', role: 'board_member', centreId };
const staff: Principal = { id: 's', role: 'staff', centreId };
const citizen: Principal = { id: 'c', role: 'citizen' };

const weekdays: OpeningHours = {
  ...CLOSED_ALL_WEEK,
  monday: [{ opens: '09:00', closes: '12:00' }, { opens: '13:00', closes: '17:00' }],
  thursday: [{ opens: '09:00', closes: '19:00' }],
};
const established: CentreEvent = {
  type: 'CentreEstablished',
  data: { centreId, municipalityCode: '101', name: 'Virkelyst Nørrebro', openingHours: CLOSED_ALL_WEEK },
};

const establish = (data: Partial<{ municipalityCode: string; name: string; openingHours: OpeningHours }>, principal = admin) => ({
  type: 'EstablishCentre' as const,
  now,
  principal,
  data: { centreId, municipalityCode: '101', name: 'Virkelyst Nørrebro', ...data },
});

describe('the 98 municipalities', () => {
  it('are 98 unique official codes from 101 København to 860 Hjørring', () => {
    expect(MUNICIPALITIES).toHaveLength(98);
    expect(new Set(MUNICIPALITIES.map((m) => m.code)).size).toBe(98);
    expect(municipalityByCode('101')?.name).toBe('København');
    expect(municipalityByCode('0101')?.name).toBe('København');
    expect(municipalityByCode('860')?.name).toBe('Hjørring');
    for (const code of ['411', '100', '999', '', '1O1', '01010']) expect(municipalityByCode(code)).toBeUndefined();
  });
});

describe('establishing a centre', () => {
  it('records the municipality, the name and opening hours', () => {
    given(centreDecider).when(establish({ municipalityCode: '0751', name: '  Huset   i Aarhus ', openingHours: weekdays })).then([
      { type: 'CentreEstablished', data: { centreId, municipalityCode: '751', name: 'Huset i Aarhus', openingHours: weekdays } },
    ]);
  });

  it('starts closed in person when no hours are given', () => {
    given(centreDecider).when(establish({})).then([established]);
  });

  it('refuses a code that is not one of the 98 municipalities', () => {
    for (const code of ['411', '999', '000']) {
      given(centreDecider).when(establish({ municipalityCode: code })).thenError(InvalidValue, 'invalid_value', { field: 'municipalityCode' });
    }
  });

  it('refuses to establish the same centre twice', () => {
    given(centreDecider, [established]).when(establish({})).thenError(Conflict, 'centre_exists');
  });

  it('is for administrators only', () => {
    for (const principal of [board, staff, citizen]) given(centreDecider).when(establish({}, principal)).thenError(Forbidden);
  });

  it('refuses an empty name', () => {
    given(centreDecider).when(establish({ name: '   ' })).thenError(InvalidValue, 'invalid_value', { field: 'name' });
  });
});

describe('renaming', () => {
  const rename = (name: string, principal: Principal = board, id = centreId, actorSits = principal.role === 'board_member') =>
    ({ type: 'RenameCentre' as const, now, principal, data: { centreId: id, name, actorSits } });

  it('records the new name, given by its board or an administrator', () => {
    for (const principal of [board, admin]) {
      given(centreDecider, [established]).when(rename('Mulighedernes Hus', principal)).then([
        { type: 'CentreRenamed', data: { centreId, name: 'Mulighedernes Hus' } },
      ]);
    }
  });

  it('changes nothing when the name is the same', () => {
    given(centreDecider, [established]).when(rename('Virkelyst Nørrebro')).thenNothing();
  });

  it('refuses staff, citizens and another centre’s board', () => {
    given(centreDecider, [established]).when(rename('X', staff)).thenError(Forbidden);
    given(centreDecider, [established]).when(rename('X', citizen)).thenError(Forbidden);
    given(centreDecider, [established]).when(rename('X', { ...board, centreId: otherCentre })).thenError(Forbidden);
  });

  it('refuses a board member who holds no seat on the board now, whatever their token says', () => {
    given(centreDecider, [established]).when(rename('X', board, centreId, false)).thenError(Forbidden);
  });

  it('refuses a centre that does not exist', () => {
    given(centreDecider).when(rename('X', admin)).thenError(NotFound, 'centre_not_found');
  });
});

describe('opening hours', () => {
  const set = (openingHours: OpeningHours, principal: Principal = staff, actorSits = principal.role === 'board_member') =>
    ({ type: 'SetOpeningHours' as const, now, principal, data: { centreId, openingHours, actorSits } });

  it('are set by the centre’s staff or board', () => {
    for (const principal of [staff, board, admin]) {
      given(centreDecider, [established]).when(set(weekdays, principal)).then([{ type: 'CentreOpeningHoursSet', data: { centreId, openingHours: weekdays } }]);
    }
  });

  it('may run to midnight', () => {
    const late = { ...CLOSED_ALL_WEEK, friday: [{ opens: '18:00', closes: '24:00' }] };
    given(centreDecider, [established]).when(set(late)).then([{ type: 'CentreOpeningHoursSet', data: { centreId, openingHours: late } }]);
  });

  it('refuses intervals that end before they start, overlap or are not times', () => {
    const bad: [OpeningHours, string][] = [
      [{ ...CLOSED_ALL_WEEK, monday: [{ opens: '17:00', closes: '09:00' }] }, 'openingHours.monday.0.closes'],
      [{ ...CLOSED_ALL_WEEK, monday: [{ opens: '09:00', closes: '12:00' }, { opens: '11:00', closes: '13:00' }] }, 'openingHours.monday.1.opens'],
      [{ ...CLOSED_ALL_WEEK, sunday: [{ opens: '25:00', closes: '26:00' }] }, 'openingHours.sunday.0.opens'],
      [{ ...CLOSED_ALL_WEEK, sunday: [{ opens: '24:00', closes: '24:00' }] }, 'openingHours.sunday.0.opens'],
    ];
    for (const [hours, field] of bad) given(centreDecider, [established]).when(set(hours)).thenError(InvalidValue, 'invalid_value', { field });
  });

  it('refuses citizens and another centre’s staff', () => {
    given(centreDecider, [established]).when(set(weekdays, citizen)).thenError(Forbidden);
    given(centreDecider, [established]).when(set(weekdays, { ...staff, centreId: otherCentre })).thenError(Forbidden);
  });
});
