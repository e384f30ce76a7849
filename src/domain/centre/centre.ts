/**
 * A centre (the house of opportunities) in one of Denmark's 98 municipalities. More than one
 * centre per municipality is allowed. Its in-person opening hours are weekly; phone and digital
 * contact hours are the same for every centre (07–21 every day) and are not stored here.
 */
import { match } from 'ts-pattern';
import type { DomainEvent } from '../shared/decider.js';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local wall-clock time in Europe/Copenhagen, "HH:MM"; "24:00" closes at midnight. */
export interface OpeningInterval {
  opens: string;
  closes: string;
}

/** In-person opening hours, per weekday; an empty list means closed that day. */
export type OpeningHours = Record<Weekday, OpeningInterval[]>;

export const CLOSED_ALL_WEEK: OpeningHours = {
  monday: [],
  tuesday: [],
  wednesday: [],
  thursday: [],
  friday: [],
  saturday: [],
  sunday: [],
};

export type CentreEstablished = DomainEvent<
  'CentreEstablished',
  { centreId: string; municipalityCode: string; name: string; openingHours: OpeningHours }
>;
export type CentreRenamed = DomainEvent<'CentreRenamed', { centreId: string; name: string }>;
export type CentreOpeningHoursSet = DomainEvent<'CentreOpeningHoursSet', { centreId: string; openingHours: OpeningHours }>;

export type CentreEvent = CentreEstablished | CentreRenamed | CentreOpeningHoursSet;

export const CENTRE_EVENT_SCHEMA_VERSIONS: Record<CentreEvent['type'], number> = {
  CentreEstablished: 1,
  CentreRenamed: 1,
  CentreOpeningHoursSet: 1,
};

export type Centre =
  | { status: 'none' }
  | { status: 'established'; centreId: string; municipalityCode: string; name: string; openingHours: OpeningHours };

export const initialState: Centre = { status: 'none' };

export function evolve(state: Centre, event: CentreEvent): Centre {
  return match(event)
    .with({ type: 'CentreEstablished' }, ({ data }): Centre => ({ status: 'established', ...data }))
    .with({ type: 'CentreRenamed' }, ({ data }): Centre => (state.status === 'established' ? { ...state, name: data.name } : state))
    .with({ type: 'CentreOpeningHoursSet' }, ({ data }): Centre =>
      state.status === 'established' ? { ...state, openingHours: data.openingHours } : state,
    )
    .exhaustive();
}

export const centreStreamId = (centreId: string) => `centre-${centreId}`;
